import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { deleteProvider } from '../../federation/providers.js';
import { providerName } from '../../federation/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteIdentityProvider',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), ProviderName: providerName() }),
  run: async (input, { svc }) => {
    await deleteProvider(svc, input.UserPoolId, input.ProviderName);
    return {};
  },
});
