/** AdminDeleteUser (IAM): deletes the user and revokes its tokens. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminDeleteUser } from '../../users/admin.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminDeleteUser',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username }),
  run: async (input, ctx) => {
    await adminDeleteUser(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username);
    return {};
  },
});
