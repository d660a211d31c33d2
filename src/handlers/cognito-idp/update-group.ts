import { z } from 'zod';
import { operation } from '../operation.js';
import { api, GROUP_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { updateGroup } from '../../user-pools/groups.js';

/** Changes only the members given (Description, RoleArn, Precedence). */
export default operation({
  service: 'cognito-idp',
  name: 'UpdateGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), GroupName: str(1, 128, GROUP_NAME), ...api.group }),
  run: async (input, { svc }) => ({ Group: await updateGroup(svc, input) }),
});
