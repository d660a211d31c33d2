/** GetUICustomization: the client's customization, else the pool's (`ALL`). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { getUiCustomization } from '../../hosted-ui/customization.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetUICustomization',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), ClientId: z.string().min(1).max(128).optional() }),
  run: (input, { svc }) => getUiCustomization(svc, input.UserPoolId, input.ClientId),
});
