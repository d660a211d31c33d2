/** AdminDisableProviderForUser (IAM): an external identity stops signing in (link removed, federated user disabled). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { poolId } from '../../users/wire.js';
import { disableProviderForUser } from '../../federation/links.js';
import { providerUser } from '../../federation/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminDisableProviderForUser',
  auth: 'iam',
  compat: { status: 'partial', missing: 'ProviderName Cognito (turning off a native user\'s password sign-in) is refused; use AdminDisableUser' },
  input: z.object({ UserPoolId: poolId, User: providerUser() }),
  run: async (input, { svc }) => {
    await disableProviderForUser(svc, await getPool(svc, input.UserPoolId), input.User);
    return {};
  },
});
