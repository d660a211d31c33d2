/** InitiateAuth (public): starts a sign-in for an app client; rules in src/auth/initiate.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { initiateAuth } from '../../auth/initiate.js';
import { AUTH_FLOWS } from '../../auth/flows.js';
import { cleanParams } from '../../auth/context.js';

export const authParams = z.record(z.string().nullable()).optional();
export const clientMetadata = z.record(z.string()).optional();

export default operation({
  service: 'cognito-idp',
  name: 'InitiateAuth',
  auth: 'none',
  compat: { status: 'partial', missing: 'CUSTOM_AUTH with a DefineAuthChallenge trigger, USER_AUTH, MFA and remembered-device steps (issue 4), Lambda triggers (PreAuthentication, PostAuthentication, PreTokenGeneration, UserMigration)' },
  input: z.object({
    AuthFlow: z.enum(AUTH_FLOWS),
    ClientId: z.string().min(1).max(128),
    AuthParameters: authParams,
    ClientMetadata: clientMetadata,
    AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).passthrough().optional(),
    UserContextData: z.object({ IpAddress: z.string().optional(), EncodedData: z.string().optional() }).passthrough().optional(),
    Session: z.string().min(20).max(2048).optional(),
  }),
  run: (input, ctx) =>
    initiateAuth(ctx.svc, {
      api: 'public',
      authFlow: input.AuthFlow,
      clientId: input.ClientId,
      params: cleanParams(input.AuthParameters),
      sourceIp: ctx.sourceIp,
      clientMetadata: input.ClientMetadata,
    }),
});
