/** RespondToAuthChallenge (public): answers the pending challenge of a sign-in; rules in src/auth/respond.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { respondToAuthChallenge } from '../../auth/respond.js';
import { cleanParams } from '../../auth/context.js';
import { RESPOND_COMPAT, respondFields, userContextData } from '../../auth/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'RespondToAuthChallenge',
  auth: 'none',
  compat: RESPOND_COMPAT,
  input: z.object({ ...respondFields, UserContextData: userContextData }),
  run: (input, ctx) =>
    respondToAuthChallenge(ctx.svc, {
      api: 'public',
      challengeName: input.ChallengeName,
      clientId: input.ClientId,
      session: input.Session,
      responses: cleanParams(input.ChallengeResponses),
      sourceIp: ctx.sourceIp,
      clientMetadata: input.ClientMetadata,
    }),
});
