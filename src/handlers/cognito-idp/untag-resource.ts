import { z } from 'zod';
import { operation } from '../operation.js';
import { str } from '../../user-pools/shapes.js';
import { untagResource } from '../../user-pools/tags.js';

export default operation({
  service: 'cognito-idp',
  name: 'UntagResource',
  auth: 'iam',
  input: z.object({ ResourceArn: str(20, 2048), TagKeys: z.array(str(1, 128)).max(50, 'Member must have length less than or equal to 50') }),
  run: async (input, { svc }) => {
    await untagResource(svc, input.ResourceArn, input.TagKeys);
    return {};
  },
});
