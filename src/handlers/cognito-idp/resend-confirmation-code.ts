/** ResendConfirmationCode (public): a fresh sign-up code for an UNCONFIRMED user. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { resendConfirmationCode } from '../../users/sign-up.js';
import { clientId, clientMetadata, loose, secretHash, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ResendConfirmationCode',
  auth: 'none',
  input: z.object({ ClientId: clientId, SecretHash: secretHash, Username: username, AnalyticsMetadata: loose, UserContextData: loose, ClientMetadata: clientMetadata }),
  run: (input, ctx) => resendConfirmationCode(ctx.svc, input),
});
