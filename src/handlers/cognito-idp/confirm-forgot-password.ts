/** ConfirmForgotPassword (public): reset code + new password; the user becomes CONFIRMED. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { confirmForgotPassword } from '../../users/recovery.js';
import { clientId, clientMetadata, code, loose, password, secretHash, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ConfirmForgotPassword',
  auth: 'none',
  input: z.object({
    ClientId: clientId,
    SecretHash: secretHash,
    Username: username,
    ConfirmationCode: code,
    Password: password,
    AnalyticsMetadata: loose,
    UserContextData: loose,
    ClientMetadata: clientMetadata,
  }),
  run: (input, ctx) => confirmForgotPassword(ctx.svc, input),
});
