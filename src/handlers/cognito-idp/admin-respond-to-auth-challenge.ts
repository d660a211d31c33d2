/** AdminRespondToAuthChallenge (IAM): answers a challenge of an admin-started sign-in in one pool. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { respondToAuthChallenge } from '../../auth/respond.js';
import { cleanParams } from '../../auth/context.js';
import { authParams, clientMetadata } from './initiate-auth.js';
import { contextData } from './admin-initiate-auth.js';
import { CHALLENGE_NAMES } from './respond-to-auth-challenge.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminRespondToAuthChallenge',
  auth: 'iam',
  compat: { status: 'partial', missing: 'MFA, device, custom and USER_AUTH challenges (issue 4), Lambda triggers; answers PASSWORD_VERIFIER and NEW_PASSWORD_REQUIRED' },
  input: z.object({
    UserPoolId: z.string().min(1).max(55),
    ClientId: z.string().min(1).max(128),
    ChallengeName: z.enum(CHALLENGE_NAMES),
    Session: z.string().min(20).max(2048).optional(),
    ChallengeResponses: authParams,
    ClientMetadata: clientMetadata,
    AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).passthrough().optional(),
    ContextData: contextData,
  }),
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
