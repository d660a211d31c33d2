import { z } from 'zod';
import { operation } from '../operation.js';
import { str } from '../../user-pools/shapes.js';
import { arn } from '../../identity-pools/shapes.js';
import { untagIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'UntagResource',
  auth: 'iam',
  input: z.object({ ResourceArn: arn(), TagKeys: z.array(str(1, 128)).max(50, 'Member must have length less than or equal to 50') }),
  run: async (input, { svc }) => {
    await untagIdentityPool(svc, input.ResourceArn, input.TagKeys);
    return {};
  },
});
