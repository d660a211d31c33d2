import { z } from 'zod';
import { operation } from '../operation.js';
import { maxResults, nextToken } from '../../identity-pools/shapes.js';
import { listIdentityPools } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'ListIdentityPools',
  auth: 'iam',
  input: z.object({ MaxResults: maxResults(), NextToken: nextToken() }),
  run: async (input, { svc }) => listIdentityPools(svc, input.MaxResults, input.NextToken),
});
