/** SignUp (public): registers an UNCONFIRMED user and sends the confirmation code. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { signUp } from '../../users/sign-up.js';
import { attributeList, clientId, clientMetadata, loose, password, secretHash, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'SignUp',
  auth: 'none',
  input: z.object({
    ClientId: clientId,
    SecretHash: secretHash,
    Username: username,
    Password: password.optional(),
    UserAttributes: attributeList.optional(),
    ValidationData: attributeList.optional(),
    AnalyticsMetadata: loose,
    UserContextData: loose,
    ClientMetadata: clientMetadata,
  }),
  run: (input, ctx) => signUp(ctx.svc, input),
});
