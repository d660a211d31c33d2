import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { getMfaConfig } from '../../user-pools/mfa-config.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetUserPoolMfaConfig',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId() }),
  run: async (input, { svc }) => getMfaConfig(svc, input.UserPoolId),
});
