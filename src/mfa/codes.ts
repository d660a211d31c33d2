/**
 * The one-time part of an MFA challenge. When a sign-in asks for SMS_MFA or EMAIL_OTP a fresh 6-digit code is
 * sent (development outbox, SMTP, SMS webhook) and stored only as a hash, valid 3 minutes; for
 * SOFTWARE_TOKEN_MFA a row without a deliverable code is stored so the same attempt counter caps TOTP guesses.
 * Each answer reserves an attempt atomically before it is compared, so parallel guessing cannot exceed
 * MAX_MFA_ATTEMPTS. One live MFA code per user (a new sign-in replaces it). Never log a code.
 */
import { randomBytes } from 'node:crypto';
import { errors } from '../errors.js';
import { ids, safeEqual, sha256Hex } from '../crypto/random.js';
import type { Services } from '../services.js';
import { codesRepo } from '../store/codes-repo.js';
import { deliver } from '../messages/delivery.js';
import { maskDestination, type Medium } from '../messages/templates.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import type { MfaType } from './settings.js';
import { checkSignInCode } from './totp.js';
import { customMessage } from '../triggers/custom-message.js';

export const MFA_CODE_TTL_MS = 3 * 60_000;
export const MAX_MFA_ATTEMPTS = 5;
const PURPOSE = 'mfa';

const hash = (user: UserRecord, type: MfaType, code: string) => sha256Hex(`cognate-mfa\n${user.poolId}\n${user.usernameKey}\n${user.sub}\n${type}\n${code}`);

export const tooManyMfaAttempts = () => errors.notAuthorized('Too many invalid MFA codes; the session is closed. Sign in again.');

export interface Delivery { medium: Medium; destination: string }

function render(pool: UserPool, medium: Medium, code: string): { subject?: string; body: string } {
  const c = pool.config;
  if (medium === 'SMS') {
    const t = c.SmsMfaConfiguration?.SmsAuthenticationMessage ?? c.SmsAuthenticationMessage ?? 'Your authentication code is {####}. ';
    return { body: String(t).replaceAll('{####}', code) };
  }
  const e = c.EmailMfaConfiguration ?? {};
  return { subject: e.Subject ?? 'Your authentication code', body: String(e.Message ?? 'Your authentication code is {####}. ').replaceAll('{####}', code) };
}

/**
 * Opens the MFA step for `type`: sends a code for SMS_MFA / EMAIL_OTP and returns the masked delivery for the
 * ChallengeParameters; for SOFTWARE_TOKEN_MFA only arms the attempt counter. `to` overrides the destination (an
 * e-mail address being set up in MFA_SETUP).
 */
export async function openMfaCode(svc: Services, pool: UserPool, user: UserRecord, type: MfaType, to?: string): Promise<Delivery | undefined> {
  const now = svc.clock.now();
  const code = type === 'SOFTWARE_TOKEN_MFA' ? randomBytes(16).toString('hex') : ids.code();
  await codesRepo.put(svc.db, {
    pool_id: pool.id,
    username_key: user.usernameKey,
    purpose: PURPOSE,
    code_hash: hash(user, type, code),
    attempts: 0,
    expires_at: now + MFA_CODE_TTL_MS,
    created_at: now,
    meta: JSON.stringify({ type }),
  });
  if (type === 'SOFTWARE_TOKEN_MFA') return undefined;
  const medium: Medium = type === 'SMS_MFA' ? 'SMS' : 'EMAIL';
  const destination = to ?? (medium === 'SMS' ? user.attributes.phone_number : user.attributes.email);
  if (!destination) throw errors.invalidParameter(`The user has no ${medium === 'SMS' ? 'phone_number' : 'email'} to send the MFA code to.`);
  // The CustomMessage trigger (CustomMessage_Authentication) may reword the code message.
  const msg = await customMessage(svc, pool, { source: 'CustomMessage_Authentication', medium, user, rendered: render(pool, medium, code), values: { code } });
  await deliver(svc, { poolId: pool.id, username: user.username, medium, destination, subject: msg.subject, body: msg.body, code });
  return { medium, destination: maskDestination(medium, destination) };
}

/**
 * Checks an MFA answer. Throws ExpiredCodeException (no live code, expired, or another factor's), the attempt-cap
 * error, or CodeMismatchException (wrong, replayed or stale TOTP code). The code is used up on success.
 */
export async function redeemMfaCode(svc: Services, user: UserRecord, type: MfaType, code: string): Promise<void> {
  const row = await codesRepo.get(svc.db, user.poolId, user.usernameKey, PURPOSE);
  const meta = row?.meta ? (JSON.parse(row.meta) as { type?: string }) : {};
  if (!row || meta.type !== type || Number(row.expires_at) <= svc.clock.now()) {
    throw errors.expiredCode('Invalid code or auth state for the user.');
  }
  if (!(await codesRepo.reserveAttempt(svc.db, user.poolId, user.usernameKey, PURPOSE, row.code_hash, MAX_MFA_ATTEMPTS))) throw tooManyMfaAttempts();
  if (type === 'SOFTWARE_TOKEN_MFA') {
    const r = await checkSignInCode(svc, user, code);
    if (r === 'reused') throw errors.expiredCode('Your software token has already been used once.');
    if (r === 'wrong') throw errors.codeMismatch('Invalid code received for user');
  } else if (!safeEqual(row.code_hash, hash(user, type, code))) throw errors.codeMismatch('Invalid code received for user');
  if (!(await codesRepo.consume(svc.db, user.poolId, user.usernameKey, PURPOSE, row.code_hash))) throw errors.expiredCode('Invalid code or auth state for the user.');
}
