/** AdminListGroupsForUser (IAM): the user's groups by name, keyset pages. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { listGroupsForUser } from '../../users/membership.js';
import { limit, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminListGroupsForUser',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, Limit: limit, NextToken: z.string().min(1).optional() }),
  run: async (input, ctx) => listGroupsForUser(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input),
});
