/**
 * Self-service registration: SignUp (validated attributes, policy-checked password, UNCONFIRMED user, code
 * to an auto-verified attribute), ConfirmSignUp (code → CONFIRMED, the channel attribute verified, aliases
 * claimed) and ResendConfirmationCode. With PreventUserExistenceErrors an unknown user gets the same kind of
 * answer as a known one.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { CODE_TTL_MS, redeemCode } from '../messages/codes.js';
import { checkAttributes, checkClientWrite, type AttrInput, type Verifiable } from './attributes.js';
import { aliasConflict, aliasTaken } from './aliases.js';
import { createUser, resolveUsername } from './create.js';
import { ids } from '../crypto/random.js';
import { autoVerified, postConfirmation, preSignUp } from '../triggers/lifecycle.js';
import { enforceUserLimit } from './limits.js';
import { findUser } from './lookup.js';
import { fakeDelivery, sendCode, signUpChannel, type CodeDeliveryDetails } from './notify.js';
import { checkPasswordPolicy } from './passwords.js';
import { publicContext, unknownUser, unknownUserConfirm, unknownUserSend } from './public-client.js';
import { saveUser } from './save.js';

export interface SignUpInput {
  ClientId: string;
  Username: string;
  Password?: string;
  SecretHash?: string;
  UserAttributes?: AttrInput;
  ValidationData?: AttrInput;
  ClientMetadata?: Record<string, string>;
}

export async function signUp(svc: Services, input: SignUpInput) {
  const { pool, client } = await publicContext(svc, input.ClientId, input.Username, input.SecretHash);
  if (pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw errors.notAuthorized('SignUp is not permitted for this user pool');
  if (input.Password === undefined) throw errors.invalidParameter('A password is required to sign up in this user pool.');
  const attrs = checkAttributes(pool, input.UserAttributes ?? [], { creating: true, admin: false });
  checkClientWrite(client, Object.keys(attrs));
  checkPasswordPolicy(pool, input.Password);
  // The sub is chosen first so that PreSignUp sees the final userName (the sub in e-mail/phone-as-username pools).
  const sub = ids.uuid();
  const resolved = resolveUsername(pool, input.Username, attrs, sub);
  const pre = await preSignUp(svc, pool, {
    source: 'PreSignUp_SignUp',
    userName: resolved.username,
    attributes: resolved.attrs,
    clientId: client.id,
    validationData: input.ValidationData,
    clientMetadata: input.ClientMetadata,
  });
  const confirmed = pre.autoConfirmUser;
  const user = await createUser(svc, pool, {
    username: input.Username,
    sub,
    attributes: autoVerified(resolved.attrs, pre),
    password: input.Password,
    status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
  });
  let details: CodeDeliveryDetails | undefined;
  const channel = confirmed ? undefined : signUpChannel(pool, user.attributes);
  if (channel) {
    details = await sendCode(svc, pool, user, channel, 'signup', {
      ttlMs: CODE_TTL_MS.signup,
      meta: { attr: channel, value: user.attributes[channel] },
      clientId: client.id,
      clientMetadata: input.ClientMetadata,
    });
  }
  if (confirmed) await postConfirmation(svc, pool, user, 'PostConfirmation_ConfirmSignUp', { clientId: client.id, clientMetadata: input.ClientMetadata });
  return { UserConfirmed: confirmed, UserSub: user.sub, ...(details ? { CodeDeliveryDetails: details } : {}) };
}

export interface ConfirmSignUpInput {
  ClientId: string;
  Username: string;
  ConfirmationCode: string;
  SecretHash?: string;
  ForceAliasCreation?: boolean;
  ClientMetadata?: Record<string, string>;
}

export async function confirmSignUp(svc: Services, input: ConfirmSignUpInput): Promise<Record<string, never>> {
  const { pool, client, hideUsers } = await publicContext(svc, input.ClientId, input.Username, input.SecretHash);
  const user = await findUser(svc, pool, input.Username);
  if (!user) throw hideUsers ? await unknownUserConfirm(svc, pool, input.Username, 'signup') : unknownUser();
  await enforceUserLimit(svc, 'confirmSignUp', pool.id, user.usernameKey);
  if (user.status !== 'UNCONFIRMED') throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  // Check a taken alias before the code is spent, so the caller can retry with ForceAliasCreation.
  const meta = await peekAliasSafe(svc, input, pool, user);
  const attrs = { ...user.attributes };
  const attr = meta.attr as Verifiable | undefined;
  if (attr && attrs[attr] !== undefined && attrs[attr] === meta.value) attrs[`${attr}_verified`] = 'true';
  const saved = await saveUser(svc, pool, user, attrs, { force: input.ForceAliasCreation, patch: { status: 'CONFIRMED' } });
  await postConfirmation(svc, pool, saved, 'PostConfirmation_ConfirmSignUp', { clientId: client.id, clientMetadata: input.ClientMetadata });
  return {};
}

/** Redeems the sign-up code after making sure confirming would not hit a taken alias (unless forced). */
async function peekAliasSafe(svc: Services, input: ConfirmSignUpInput, pool: UserPool, user: UserRecord) {
  if (!input.ForceAliasCreation) {
    const channel = signUpChannel(pool, user.attributes);
    if (channel) {
      const would = { ...user.attributes, [`${channel}_verified`]: 'true' };
      const taken = await aliasConflict(svc.db, pool, user.usernameKey, would);
      if (taken) throw aliasTaken(taken);
    }
  }
  return redeemCode(svc, { poolId: pool.id, usernameKey: user.usernameKey, purpose: 'signup' }, input.ConfirmationCode);
}

export interface ResendInput { ClientId: string; Username: string; SecretHash?: string; ClientMetadata?: Record<string, string> }

export async function resendConfirmationCode(svc: Services, input: ResendInput): Promise<{ CodeDeliveryDetails: CodeDeliveryDetails }> {
  const { pool, client, hideUsers } = await publicContext(svc, input.ClientId, input.Username, input.SecretHash);
  const user = await findUser(svc, pool, input.Username);
  if (!user) {
    if (!hideUsers) throw unknownUser();
    await unknownUserSend(svc, pool, input.Username, 'resendConfirmationCode');
    return { CodeDeliveryDetails: fakeDelivery(svc, pool, input.Username) };
  }
  if (user.status !== 'UNCONFIRMED') throw errors.invalidParameter('User is already confirmed.');
  const channel = signUpChannel(pool, user.attributes);
  if (!channel) throw errors.invalidParameter('Cannot resend codes. Auto verification not turned on.');
  await enforceUserLimit(svc, 'resendConfirmationCode', pool.id, user.usernameKey);
  const details = await sendCode(svc, pool, user, channel, 'signup', {
    ttlMs: CODE_TTL_MS.signup,
    meta: { attr: channel, value: user.attributes[channel] },
    clientId: client.id,
    background: hideUsers,
    messageSource: 'CustomMessage_ResendCode',
    clientMetadata: input.ClientMetadata,
  });
  return { CodeDeliveryDetails: details };
}
