import { z } from 'zod';
import { operation } from '../operation.js';
import { api, userPoolId } from '../../user-pools/shapes.js';
import { addPoolCustomAttributes } from '../../user-pools/custom-attributes.js';

/** Names are given without the `custom:` prefix; the pool stores them with it. */
export default operation({
  service: 'cognito-idp',
  name: 'AddCustomAttributes',
  auth: 'iam',
  input: z.object({
    UserPoolId: userPoolId(),
    CustomAttributes: z
      .array(api.schemaAttribute)
      .min(1, 'Member must have length greater than or equal to 1')
      .max(25, 'Member must have length less than or equal to 25'),
  }),
  run: async (input, { svc }) => {
    await addPoolCustomAttributes(svc, input.UserPoolId, input.CustomAttributes);
    return {};
  },
});
