import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { updateProvider } from '../../federation/providers.js';
import { attributeMapping, idpIdentifiers, providerDetails, providerName } from '../../federation/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'UpdateIdentityProvider',
  auth: 'iam',
  compat: { status: 'partial', missing: 'AcrMapping is ignored; a ProviderDetails map without client_secret keeps the stored secret' },
  input: z.object({
    UserPoolId: userPoolId(),
    ProviderName: providerName(),
    ProviderDetails: providerDetails().optional(),
    AttributeMapping: attributeMapping().optional(),
    IdpIdentifiers: idpIdentifiers().optional(),
  }),
  run: async (input, { svc }) => ({ IdentityProvider: await updateProvider(svc, input) }),
});
