/** ListUsers (IAM): one filter, keyset pages of at most 60. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { listUsers } from '../../users/list.js';
import { limit, poolId } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListUsers',
  auth: 'iam',
  input: z.object({
    UserPoolId: poolId,
    AttributesToGet: z.array(z.string().min(1).max(32)).optional(),
    Limit: limit,
    PaginationToken: z.string().min(1).optional(),
    Filter: z.string().max(256).optional(),
  }),
  run: async (input, ctx) => listUsers(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input),
});
