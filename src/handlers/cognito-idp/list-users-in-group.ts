/** ListUsersInGroup (IAM): the group's members, keyset pages. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { listUsersInGroup } from '../../users/list.js';
import { groupName, limit, poolId } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListUsersInGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, GroupName: groupName, Limit: limit, NextToken: z.string().min(1).optional() }),
  run: async (input, ctx) => listUsersInGroup(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input),
});
