/**
 * AdminInitiateAuth (IAM): a trusted back end starts a sign-in for a user of one pool. Throttling counts the
 * end user's address from ContextData, not the back end's.
 */
import { z } from 'zod';
import { operation } from '../operation.js';
import { initiateAuth } from '../../auth/initiate.js';
import { AUTH_FLOWS } from '../../auth/flows.js';
import { cleanParams } from '../../auth/context.js';
import { authParams, clientMetadata } from './initiate-auth.js';

export const contextData = z
  .object({
    IpAddress: z.string().max(131072),
    ServerName: z.string().max(131072),
    ServerPath: z.string().max(131072),
    HttpHeaders: z.array(z.object({ headerName: z.string().optional(), headerValue: z.string().optional() })),
    EncodedData: z.string().optional(),
  })
  .optional();

export default operation({
  service: 'cognito-idp',
  name: 'AdminInitiateAuth',
  auth: 'iam',
  compat: { status: 'partial', missing: 'CUSTOM_AUTH with a DefineAuthChallenge trigger, USER_AUTH, MFA and remembered-device steps (issue 4), Lambda triggers (PreAuthentication, PostAuthentication, PreTokenGeneration, UserMigration)' },
  input: z.object({
    UserPoolId: z.string().min(1).max(55),
    ClientId: z.string().min(1).max(128),
    AuthFlow: z.enum(AUTH_FLOWS),
    AuthParameters: authParams,
    ClientMetadata: clientMetadata,
    AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).passthrough().optional(),
    ContextData: contextData,
    Session: z.string().min(20).max(2048).optional(),
  }),
  run: (input, ctx) =>
    initiateAuth(ctx.svc, {
      api: 'admin',
      authFlow: input.AuthFlow,
      clientId: input.ClientId,
      userPoolId: input.UserPoolId,
      params: cleanParams(input.AuthParameters),
      sourceIp: input.ContextData?.IpAddress,
      clientMetadata: input.ClientMetadata,
    }),
});
