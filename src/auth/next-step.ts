/**
 * What follows a verified password (or SRP proof): a forced password change, later multi-factor and device
 * steps, and finally tokens. Every flow that proves the password ends here, so the order of steps is decided in
 * one place. It must never be reached without a verified first factor.
 */
import { randomUUID } from 'node:crypto';
import { issueTokens } from '../tokens/issue.js';
import type { UserRecord } from '../user-pools/types.js';
import { clientReads, poolSchema } from '../users/attributes.js';
import type { AuthContext, AuthResponse } from './context.js';
import { deviceForTokens, pendingStep } from './second-step.js';
import { createSession } from './sessions.js';
import { postAuthentication } from '../triggers/sign-in.js';
import type { TokenSource } from '../triggers/token-generation.js';

/**
 * The authFlow of sign-ins the hosted UI drives: they end with the signed-in user under SIGNED_IN (the pages
 * then issue an authorization code or OAuth tokens), never with API tokens. A symbol key never reaches JSON.
 */
export const HOSTED_UI_FLOW = 'HOSTED_UI';
export const SIGNED_IN: unique symbol = Symbol('signedIn');

export interface PrimaryAuth {
  /** The AuthFlow that started the sign-in. */
  readonly authFlow: string;
  /** DEVICE_KEY the client sent, unverified unless `deviceProven`; for the device step. */
  readonly deviceKey?: string;
  /** The MFA step is settled (answered, or stood in for by a remembered device). */
  readonly mfaDone?: boolean;
  /** `deviceKey` was proven with DEVICE_PASSWORD_VERIFIER. */
  readonly deviceProven?: boolean;
  /** PreTokenGeneration triggerSource when not TokenGeneration_Authentication (NewPasswordChallenge, AuthenticateDevice). */
  readonly tokenSource?: TokenSource;
}

/** `"userAttributes.x"` for each required schema attribute the user lacks. */
export function missingRequiredAttributes(ctx: AuthContext, attributes: Readonly<Record<string, string>>): string[] {
  return [...poolSchema(ctx.pool).values()]
    .filter((a) => a.Required === true && a.Name !== 'sub' && !attributes[a.Name])
    .map((a) => `userAttributes.${a.Name}`);
}

export async function afterFirstFactor(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth): Promise<AuthResponse> {
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const reads = clientReads(ctx.client);
    const { session } = await createSession(ctx.svc, ctx.client, {
      challenge: 'NEW_PASSWORD_REQUIRED',
      username: user.username,
      usernameKey: user.usernameKey,
      api: ctx.api,
      authFlow: primary.authFlow,
      deviceKey: primary.deviceKey,
    });
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: JSON.stringify(missingRequiredAttributes(ctx, user.attributes)),
        // Only what this client may read (no dev: attributes, ReadAttributes honoured).
        userAttributes: JSON.stringify(Object.fromEntries(Object.entries(user.attributes).filter(([name]) => reads(name)))),
      },
    };
  }
  return finish(ctx, user, primary);
}

/**
 * The last step. Multi-factor (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP) and
 * remembered-device (DEVICE_SRP_AUTH) challenges come first (src/auth/second-step.ts): their answers call
 * `finish` again with the step marked done. Then tokens, bound to the proven (or newly issued) device.
 */
export async function finish(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth): Promise<AuthResponse> {
  const step = await pendingStep(ctx, user, primary);
  if (step) return step;
  // Hosted-UI sign-ins stop here: the pages issue an authorization code (no device binding, no API tokens).
  if (primary.authFlow === HOSTED_UI_FLOW) {
    await postAuthentication(ctx.svc, ctx.pool, user, { clientId: ctx.client.id, newDeviceUsed: false, clientMetadata: ctx.clientMetadata });
    return { ChallengeParameters: {}, [SIGNED_IN]: user };
  }
  const device = await deviceForTokens(ctx, user, primary);
  await postAuthentication(ctx.svc, ctx.pool, user, { clientId: ctx.client.id, newDeviceUsed: !!device.metadata, clientMetadata: ctx.clientMetadata });
  const AuthenticationResult = await issueTokens(ctx.svc, {
    triggerSource: primary.tokenSource ?? (primary.deviceProven ? 'TokenGeneration_AuthenticateDevice' : 'TokenGeneration_Authentication'),
    pool: ctx.pool,
    client: ctx.client,
    user,
    // Only a proven device key (or the one handed out now as NewDeviceMetadata) is bound into tokens.
    deviceKey: device.deviceKey,
    withRefreshToken: true,
    eventId: randomUUID(),
  });
  return { ChallengeParameters: {}, AuthenticationResult: device.metadata ? { ...AuthenticationResult, NewDeviceMetadata: device.metadata } : AuthenticationResult };
}
