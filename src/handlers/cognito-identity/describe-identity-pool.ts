import { z } from 'zod';
import { operation } from '../operation.js';
import { identityPoolId } from '../../identity-pools/shapes.js';
import { describePool, getIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'DescribeIdentityPool',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId() }),
  run: async (input, { svc }) => describePool(await getIdentityPool(svc, input.IdentityPoolId)),
});
