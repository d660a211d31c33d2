import { z } from 'zod';
import { operation } from '../operation.js';
import { GROUP_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { getGroup } from '../../user-pools/groups.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), GroupName: str(1, 128, GROUP_NAME) }),
  run: async (input, { svc }) => ({ Group: await getGroup(svc, input.UserPoolId, input.GroupName) }),
});
