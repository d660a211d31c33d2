/** AdminResetUserPassword (IAM): RESET_REQUIRED and a reset code by the recovery channel. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminResetUserPassword } from '../../users/admin.js';
import { clientMetadata, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminResetUserPassword',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, ClientMetadata: clientMetadata }),
  run: async (input, ctx) => {
    await adminResetUserPassword(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username);
    return {};
  },
});
