/** ForgotPassword (public): sends a password-reset code by the pool's recovery channel. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { forgotPassword } from '../../users/recovery.js';
import { clientId, clientMetadata, loose, secretHash, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ForgotPassword',
  auth: 'none',
  input: z.object({ ClientId: clientId, SecretHash: secretHash, Username: username, AnalyticsMetadata: loose, UserContextData: loose, ClientMetadata: clientMetadata }),
  run: (input, ctx) => forgotPassword(ctx.svc, input),
});
