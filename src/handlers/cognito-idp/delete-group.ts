import { z } from 'zod';
import { operation } from '../operation.js';
import { GROUP_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { deleteGroup } from '../../user-pools/groups.js';

/** Deletes the group and every membership in it. */
export default operation({
  service: 'cognito-idp',
  name: 'DeleteGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), GroupName: str(1, 128, GROUP_NAME) }),
  run: async (input, { svc }) => {
    await deleteGroup(svc, input.UserPoolId, input.GroupName);
    return {};
  },
});
