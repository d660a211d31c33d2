import { z } from 'zod';
import { operation } from '../operation.js';
import { str } from '../../user-pools/shapes.js';
import { listTags } from '../../user-pools/tags.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListTagsForResource',
  auth: 'iam',
  input: z.object({ ResourceArn: str(20, 2048) }),
  run: async (input, { svc }) => ({ Tags: await listTags(svc, input.ResourceArn) }),
});
