import { z } from 'zod';
import { operation } from '../operation.js';
import { arn } from '../../identity-pools/shapes.js';
import { identityPoolTags } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'ListTagsForResource',
  auth: 'iam',
  input: z.object({ ResourceArn: arn() }),
  run: async (input, { svc }) => ({ Tags: await identityPoolTags(svc, input.ResourceArn) }),
});
