import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { createProvider } from '../../federation/providers.js';
import { attributeMapping, idpIdentifiers, newProviderName, providerDetails, providerType } from '../../federation/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateIdentityProvider',
  auth: 'iam',
  compat: { status: 'partial', missing: 'ProviderType OIDC only: SAML and the social types Google, Facebook, LoginWithAmazon and SignInWithApple are planned and refused for now with InvalidParameterException ("ProviderType … is not supported by Cognate yet"); AcrMapping is ignored' },
  input: z.object({
    UserPoolId: userPoolId(),
    ProviderName: newProviderName(),
    ProviderType: providerType(),
    ProviderDetails: providerDetails(),
    AttributeMapping: attributeMapping().optional(),
    IdpIdentifiers: idpIdentifiers().optional(),
  }),
  run: async (input, { svc }) => ({ IdentityProvider: await createProvider(svc, input) }),
});
