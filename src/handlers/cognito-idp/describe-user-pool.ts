import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { describePool } from '../../user-pools/pool-admin.js';

export default operation({
  service: 'cognito-idp',
  name: 'DescribeUserPool',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId() }),
  run: async (input, { svc }) => ({ UserPool: await describePool(svc, input.UserPoolId) }),
});
