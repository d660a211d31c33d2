/** AdminDisableUser (IAM): disables sign-in and revokes the user's tokens at once. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminSetEnabled } from '../../users/admin.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminDisableUser',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username }),
  run: async (input, ctx) => {
    await adminSetEnabled(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username, false);
    return {};
  },
});
