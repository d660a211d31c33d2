/**
 * Request shapes of the four sign-in operations (zod), shared by their public and admin handlers: the members
 * they have in common, the ContextData/UserContextData blocks, the enums and the compatibility notes.
 */
import { z } from 'zod';
import { AUTH_FLOWS } from './flows.js';

export const CHALLENGE_NAMES = [
  'SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'ADMIN_NO_SRP_AUTH', 'NEW_PASSWORD_REQUIRED',
  'SMS_OTP', 'PASSWORD', 'WEB_AUTHN', 'PASSWORD_SRP',
] as const;

/** AuthParameters / ChallengeResponses: string values; null members are tolerated (amazon-cognito-identity-js). */
const params = z.record(z.string().nullable()).optional();
const session = z.string().min(20).max(2048).optional();
const common = {
  ClientId: z.string().min(1).max(128),
  ClientMetadata: z.record(z.string()).optional(),
  AnalyticsMetadata: z.object({ AnalyticsEndpointId: z.string().optional() }).passthrough().optional(),
};

export const userPoolId = z.string().min(1).max(55);
/** Public operations: what the browser/app collected for adaptive authentication. */
export const userContextData = z.object({ IpAddress: z.string().optional(), EncodedData: z.string().optional() }).passthrough().optional();
/** Admin operations: the end user's request as the back end saw it. */
export const contextData = z
  .object({
    IpAddress: z.string().max(131072),
    ServerName: z.string().max(131072),
    ServerPath: z.string().max(131072),
    HttpHeaders: z.array(z.object({ headerName: z.string().optional(), headerValue: z.string().optional() })),
    EncodedData: z.string().optional(),
  })
  .optional();

export const initiateFields = { ...common, AuthFlow: z.enum(AUTH_FLOWS), AuthParameters: params, Session: session };
export const respondFields = { ...common, ChallengeName: z.enum(CHALLENGE_NAMES), ChallengeResponses: params, Session: session };

export const INITIATE_COMPAT = {
  status: 'partial',
  missing: 'USER_AUTH (choice-based sign-in); Lambda triggers are invoked once, without Cognito\'s retries on timeout; PreAuthentication is never called with userNotFound=true (unknown users); UserMigration sends no welcome message (messageAction, desiredDeliveryMediums) and ignores enableSMSMFA',
} as const;
export const RESPOND_COMPAT = {
  status: 'partial',
  missing: 'USER_AUTH challenges (SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, SMS_OTP, WEB_AUTHN); MFA_SETUP sets up a software token or an e-mail address, not a phone number; Lambda triggers are invoked once, without Cognito\'s retries on timeout',
} as const;
