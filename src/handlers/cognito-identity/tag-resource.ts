import { z } from 'zod';
import { operation } from '../operation.js';
import { arn, tags } from '../../identity-pools/shapes.js';
import { tagIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'TagResource',
  auth: 'iam',
  input: z.object({ ResourceArn: arn(), Tags: tags() }),
  run: async (input, { svc }) => {
    await tagIdentityPool(svc, input.ResourceArn, input.Tags);
    return {};
  },
});
