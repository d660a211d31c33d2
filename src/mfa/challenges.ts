/**
 * The MFA steps of a sign-in: opening SMS_MFA / SOFTWARE_TOKEN_MFA / EMAIL_OTP, SELECT_MFA_TYPE and MFA_SETUP
 * challenges (each a fresh sealed session) and checking their answers. A wrong code leaves the session
 * answerable (until the attempt cap, which closes it); a right one uses the session up and hands the sign-in
 * back to src/auth/next-step.ts with the MFA step marked done. It must never issue tokens itself.
 */
import { errors } from '../errors.js';
import { sessionUser } from '../auth/session-user.js';
import { type AuthContext, type AuthResponse, type Params, required } from '../auth/context.js';
import { finish, type PrimaryAuth } from '../auth/next-step.js';
import { type OpenSession, advanceSession, consumeSession, createSession, expectChallenge, loadSession } from '../auth/sessions.js';
import { userByKey } from '../users/lookup.js';
import { updateAttributes } from '../users/attribute-updates.js';
import { looksLikeEmail } from '../users/attributes.js';
import type { UserRecord } from '../user-pools/types.js';
import type { MfaDecision } from './choose.js';
import { openMfaCode, redeemMfaCode } from './codes.js';
import { type MfaType, saveUserMfa, userMfa } from './settings.js';
import { friendlyName } from './totp.js';

/** SELECT_MFA_TYPE answers: Amplify v6 says EMAIL_OTP, the API reference EMAIL_MFA. */
const ANSWER_NAMES: Record<string, MfaType> = { SMS_MFA: 'SMS_MFA', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA', EMAIL_OTP: 'EMAIL_OTP', EMAIL_MFA: 'EMAIL_OTP' };
/** Where each challenge's code is in ChallengeResponses (identity-js sends SMS_MFA_CODE for every code type). */
const CODE_KEYS: Record<MfaType, string[]> = {
  SMS_MFA: ['SMS_MFA_CODE'],
  SOFTWARE_TOKEN_MFA: ['SOFTWARE_TOKEN_MFA_CODE'],
  EMAIL_OTP: ['EMAIL_OTP_CODE', 'SMS_MFA_CODE'],
};

const base = (ctx: AuthContext, user: UserRecord, primary: PrimaryAuth) => ({
  username: user.username,
  usernameKey: user.usernameKey,
  api: ctx.api,
  authFlow: primary.authFlow,
  deviceKey: primary.deviceKey,
});

/** Opens one factor's challenge (sending the code for SMS / e-mail; `setupEmail`: to an address being set up). */
export async function openFactor(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth, type: MfaType, setupEmail?: string): Promise<AuthResponse> {
  const delivery = await openMfaCode(ctx.svc, ctx.pool, user, type, setupEmail);
  const { session } = await createSession(ctx.svc, ctx.client, { challenge: type, ...base(ctx, user, primary), ...(setupEmail ? { data: { setupEmail } } : {}) });
  const ChallengeParameters: Record<string, string> = {};
  if (delivery) {
    ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM = delivery.medium;
    ChallengeParameters.CODE_DELIVERY_DESTINATION = delivery.destination;
  } else {
    const name = await friendlyName(ctx.svc, user);
    if (name) ChallengeParameters.FRIENDLY_DEVICE_NAME = name;
  }
  return { ChallengeName: type, Session: session, ChallengeParameters };
}

/** The response for an MFA decision, or undefined when no MFA step applies. */
export async function openMfaStep(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth, d: MfaDecision): Promise<AuthResponse | undefined> {
  switch (d.kind) {
    case 'none':
      return undefined;
    case 'challenge':
      return openFactor(ctx, user, primary, d.type);
    case 'select': {
      const { session } = await createSession(ctx.svc, ctx.client, { challenge: 'SELECT_MFA_TYPE', ...base(ctx, user, primary), data: { options: d.options } });
      return { ChallengeName: 'SELECT_MFA_TYPE', Session: session, ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(d.options) } };
    }
    case 'setup': {
      const { session } = await createSession(ctx.svc, ctx.client, { challenge: 'MFA_SETUP', ...base(ctx, user, primary), data: { options: d.options } });
      return { ChallengeName: 'MFA_SETUP', Session: session, ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(d.options) } };
    }
  }
}


const primaryOf = (s: OpenSession, extra: Partial<PrimaryAuth> = {}): PrimaryAuth => ({ authFlow: s.state.authFlow, deviceKey: s.state.deviceKey, ...extra });

/** SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP answers. */
export async function answerFactor(ctx: AuthContext, type: MfaType, token: string | undefined, r: Params): Promise<AuthResponse> {
  const s = await loadSession(ctx.svc, ctx.client, token);
  expectChallenge(s, type);
  let user = await sessionUser(ctx, s, r);
  const key = CODE_KEYS[type].find((k) => r[k] !== undefined && r[k] !== '');
  const code = required(r, key ?? CODE_KEYS[type][0]!);
  try {
    await redeemMfaCode(ctx.svc, user, type, code);
  } catch (e) {
    // At the attempt cap the sign-in is over: the session goes too.
    if ((e as { type?: string }).type === 'NotAuthorizedException') await consumeSession(ctx.svc, s).catch(() => undefined);
    throw e;
  }
  const setupEmail = s.state.data?.setupEmail;
  if (type === 'EMAIL_OTP' && typeof setupEmail === 'string') user = await adoptSetupEmail(ctx, user, setupEmail);
  // The code was used up atomically, so this answer cannot succeed twice even though the session lives on below.
  const result = await finish(ctx, user, primaryOf(s, { mfaDone: true }));
  if (result.ChallengeName === 'DEVICE_SRP_AUTH' && result.Session) {
    // amazon-cognito-identity-js answers the device challenge that follows an MFA code with the MFA step's
    // Session, so the device step moves into that session.
    const next = await loadSession(ctx.svc, ctx.client, result.Session);
    await advanceSession(ctx.svc, s, next.state);
    await consumeSession(ctx.svc, next);
    return { ...result, Session: token };
  }
  await consumeSession(ctx.svc, s);
  return result;
}

/** After an MFA_SETUP e-mail code: the address becomes the user's verified e-mail and the preferred factor. */
async function adoptSetupEmail(ctx: AuthContext, user: UserRecord, email: string): Promise<UserRecord> {
  await updateAttributes(ctx.svc, ctx.pool, user, [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }], { admin: true });
  const fresh = (await userByKey(ctx.svc, ctx.pool.id, user.usernameKey)) ?? user;
  const m = userMfa(fresh);
  await saveUserMfa(ctx.svc, fresh, { ...m, enabled: [...m.enabled, 'EMAIL_OTP'], preferred: 'EMAIL_OTP' });
  return (await userByKey(ctx.svc, ctx.pool.id, user.usernameKey)) ?? fresh;
}

/** SELECT_MFA_TYPE: ANSWER names one of MFAS_CAN_CHOOSE; that factor's challenge follows. */
export async function answerSelectMfaType(ctx: AuthContext, token: string | undefined, r: Params): Promise<AuthResponse> {
  const s = await loadSession(ctx.svc, ctx.client, token);
  expectChallenge(s, 'SELECT_MFA_TYPE');
  const user = await sessionUser(ctx, s, r);
  const answer = required(r, 'ANSWER');
  const type = ANSWER_NAMES[answer];
  const options = (s.state.data?.options ?? []) as MfaType[];
  if (!type || !options.includes(type)) throw errors.invalidParameter(`ANSWER must be one of ${JSON.stringify(options)}.`);
  await consumeSession(ctx.svc, s);
  return openFactor(ctx, user, primaryOf(s), type);
}

/**
 * MFA_SETUP: answered with the Session that VerifySoftwareToken returned once the new authenticator is proven
 * (TOTP then becomes the user's enabled and preferred factor and the sign-in continues past MFA), or with EMAIL
 * (an EMAIL_OTP challenge to that address follows).
 */
export async function answerMfaSetup(ctx: AuthContext, token: string | undefined, r: Params): Promise<AuthResponse> {
  const s = await loadSession(ctx.svc, ctx.client, token);
  expectChallenge(s, 'MFA_SETUP');
  const user = await sessionUser(ctx, s, r);
  if (r.EMAIL !== undefined && s.state.data?.totpVerified !== true) {
    // E-mail set-up (Amplify's CONTINUE_SIGN_IN_WITH_EMAIL_SETUP): a code goes to the address given; answering it
    // proves the address, which then becomes the user's verified e-mail and MFA factor.
    const options = (s.state.data?.options ?? []) as MfaType[];
    if (!options.includes('EMAIL_OTP')) throw errors.invalidParameter('E-mail MFA is not offered by this user pool.');
    if (!looksLikeEmail(r.EMAIL)) throw errors.invalidParameter('Invalid email address format.');
    await consumeSession(ctx.svc, s);
    return openFactor(ctx, user, primaryOf(s), 'EMAIL_OTP', r.EMAIL);
  }
  if (s.state.data?.totpVerified !== true) {
    throw errors.invalidParameter('MFA_SETUP needs a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with this Session first.');
  }
  await consumeSession(ctx.svc, s);
  const m = userMfa(user);
  await saveUserMfa(ctx.svc, user, { ...m, enabled: [...m.enabled, 'SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
  const fresh = (await userByKey(ctx.svc, ctx.pool.id, user.usernameKey)) ?? user;
  return finish(ctx, fresh, primaryOf(s, { mfaDone: true }));
}
