/** AdminRemoveUserFromGroup (IAM): removes the user from a group. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { removeUserFromGroup } from '../../users/membership.js';
import { groupName, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminRemoveUserFromGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, GroupName: groupName }),
  run: async (input, ctx) => {
    await removeUserFromGroup(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username, input.GroupName);
    return {};
  },
});
