import { z } from 'zod';
import { operation } from '../operation.js';
import { poolSettings } from '../../identity-pools/shapes.js';
import { createIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'CreateIdentityPool',
  auth: 'iam',
  input: z.object(poolSettings),
  run: async (input, { svc }) => createIdentityPool(svc, input),
});
