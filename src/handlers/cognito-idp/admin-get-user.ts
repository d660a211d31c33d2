/** AdminGetUser (IAM): the user by username or alias, with every attribute. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { adminGetUserView } from '../../users/views.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminGetUser',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username }),
  run: async (input, ctx) => adminGetUserView(await requireUser(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username)),
});
