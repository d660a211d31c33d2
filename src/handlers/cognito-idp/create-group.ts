import { z } from 'zod';
import { operation } from '../operation.js';
import { api, GROUP_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { createGroup } from '../../user-pools/groups.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateGroup',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), GroupName: str(1, 128, GROUP_NAME), ...api.group }),
  run: async (input, { svc }) => ({ Group: await createGroup(svc, input) }),
});
