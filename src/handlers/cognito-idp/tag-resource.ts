import { z } from 'zod';
import { operation } from '../operation.js';
import { api, str } from '../../user-pools/shapes.js';
import { tagResource } from '../../user-pools/tags.js';

export default operation({
  service: 'cognito-idp',
  name: 'TagResource',
  auth: 'iam',
  input: z.object({ ResourceArn: str(20, 2048), Tags: api.tags }),
  run: async (input, { svc }) => {
    await tagResource(svc, input.ResourceArn, input.Tags);
    return {};
  },
});
