/** AdminSetUserPassword (IAM): Permanent → CONFIRMED, otherwise a temporary password (FORCE_CHANGE_PASSWORD). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminSetUserPassword } from '../../users/admin.js';
import { password, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminSetUserPassword',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, Password: password, Permanent: z.boolean().optional() }),
  run: async (input, ctx) => {
    await adminSetUserPassword(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username, input.Password, input.Permanent === true);
    return {};
  },
});
