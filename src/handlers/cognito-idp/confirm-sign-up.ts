/** ConfirmSignUp (public): the sign-up code confirms the user. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { confirmSignUp } from '../../users/sign-up.js';
import { clientId, clientMetadata, code, loose, secretHash, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ConfirmSignUp',
  auth: 'none',
  input: z.object({
    ClientId: clientId,
    SecretHash: secretHash,
    Username: username,
    ConfirmationCode: code,
    ForceAliasCreation: z.boolean().optional(),
    AnalyticsMetadata: loose,
    UserContextData: loose,
    ClientMetadata: clientMetadata,
    Session: z.string().optional(),
  }),
  run: (input, ctx) => confirmSignUp(ctx.svc, input),
});
