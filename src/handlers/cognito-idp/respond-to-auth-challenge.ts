/** RespondToAuthChallenge (public): answers the pending challenge of a sign-in; rules in src/auth/respond.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { respondToAuthChallenge } from '../../auth/respond.js';
import { cleanParams } from '../../auth/context.js';
import { authParams, clientMetadata } from './initiate-auth.js';

export const CHALLENGE_NAMES = [
  'SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'ADMIN_NO_SRP_AUTH', 'NEW_PASSWORD_REQUIRED',
  'SMS_OTP', 'PASSWORD', 'WEB_AUTHN', 'PASSWORD_SRP',
] as const;

export default operation({
  service: 'cognito-idp',
  name: 'RespondToAuthChallenge',
  auth: 'none',
  compat: { status: 'partial', missing: 'MFA, device, custom and USER_AUTH challenges (issue 4), Lambda triggers; answers PASSWORD_VERIFIER and NEW_PASSWORD_REQUIRED' },
  input: z.object({
    ClientId: z.string().min(1).max(128),
    ChallengeName: z.enum(CHALLENGE_NAMES),
    Session: z.string().min(20).max(2048).optional(),
    ChallengeResponses: authParams,
    ClientMetadata: clientMetadata,
    AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).passthrough().optional(),
    UserContextData: z.object({ IpAddress: z.string().optional(), EncodedData: z.string().optional() }).passthrough().optional(),
  }),
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
