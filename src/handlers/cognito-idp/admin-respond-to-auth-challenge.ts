/** AdminRespondToAuthChallenge (IAM): answers a challenge of an admin-started sign-in in one pool. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { respondToAuthChallenge } from '../../auth/respond.js';
import { cleanParams } from '../../auth/context.js';
import { RESPOND_COMPAT, contextData, respondFields, userPoolId } from '../../auth/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminRespondToAuthChallenge',
  auth: 'iam',
  compat: RESPOND_COMPAT,
  input: z.object({ UserPoolId: userPoolId, ...respondFields, ContextData: contextData }),
  run: (input, ctx) =>
    respondToAuthChallenge(ctx.svc, {
      api: 'admin',
      challengeName: input.ChallengeName,
      clientId: input.ClientId,
      userPoolId: input.UserPoolId,
      session: input.Session,
      responses: cleanParams(input.ChallengeResponses),
      sourceIp: input.ContextData?.IpAddress,
      clientMetadata: input.ClientMetadata,
    }),
});
