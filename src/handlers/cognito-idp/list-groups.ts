import { z } from 'zod';
import { operation } from '../operation.js';
import { int, str, userPoolId } from '../../user-pools/shapes.js';
import { listGroups } from '../../user-pools/groups.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListGroups',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), Limit: int(0, 60).optional(), NextToken: str(1, 131072).optional() }),
  run: async (input, { svc }) => listGroups(svc, input.UserPoolId, input.Limit || 60, input.NextToken),
});
