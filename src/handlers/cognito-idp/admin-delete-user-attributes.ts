/** AdminDeleteUserAttributes (IAM): removes attributes (not required ones). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { deleteAttributes } from '../../users/attribute-updates.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminDeleteUserAttributes',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, UserAttributeNames: z.array(z.string().min(1).max(32)) }),
  run: async (input, ctx) => {
    const pool = await getPool(ctx.svc, input.UserPoolId);
    await deleteAttributes(ctx.svc, pool, await requireUser(ctx.svc, pool, input.Username), input.UserAttributeNames, { admin: true });
    return {};
  },
});
