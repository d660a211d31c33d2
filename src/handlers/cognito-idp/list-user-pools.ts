import { z } from 'zod';
import { operation } from '../operation.js';
import { int, str } from '../../user-pools/shapes.js';
import { listPools } from '../../user-pools/pool-admin.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListUserPools',
  auth: 'iam',
  input: z.object({ MaxResults: int(1, 60), NextToken: str(1, 131072).optional() }),
  run: async (input, { svc }) => listPools(svc, input.MaxResults, input.NextToken),
});
