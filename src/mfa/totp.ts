/**
 * TOTP authenticators (RFC 6238: HMAC-SHA1, 6 digits, 30 s): AssociateSoftwareToken makes a 160-bit seed and
 * returns it once as RFC 4648 base32 `SecretCode`; VerifySoftwareToken proves the app has it and makes it the
 * user's authenticator. Codes are accepted one step either side of now, and each time step at most once (the
 * store's conditional update), so a code seen over a shoulder or replayed is refused. Seeds are sealed under the
 * master key, bound to pool and user; this module must never log or return a seed except from associate().
 */
import { Secret, TOTP } from 'otpauth';
import type { Services } from '../services.js';
import { mfaRepo } from '../store/mfa-repo.js';
import type { UserRecord } from '../user-pools/types.js';
import { mfaErrors } from './settings.js';
import { errors } from '../errors.js';

const PERIOD = 30;
const WINDOW = 1;
/** Wrong codes allowed against one pending seed before it must be associated again. */
export const MAX_VERIFY_ATTEMPTS = 5;

const sealContext = (user: UserRecord, kind: 'active' | 'pending') => `totp-${kind}:${user.poolId}:${user.sub}`;

/** A new pending seed for the user; returns its base32 form (the only time it leaves the server). */
export async function associate(svc: Services, user: UserRecord): Promise<string> {
  const secret = new Secret({ size: 20 }).base32;
  await mfaRepo.putPending(svc.db, user.poolId, user.sub, svc.box.seal(secret, sealContext(user, 'pending')), svc.clock.now());
  return secret;
}

/** The time step a code matches (±1 step of now), or undefined. */
export function matchStep(secretBase32: string, code: string, now: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD, timestamp: now, window: WINDOW });
  if (delta === null) return undefined;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/**
 * VerifySoftwareToken: the code must come from the pending seed. Wrong codes count; after the cap the pending seed
 * is useless and the client must associate again. On success the seed becomes the user's authenticator and the
 * step its code used is spent.
 */
export async function verify(svc: Services, user: UserRecord, code: string, friendlyName?: string): Promise<void> {
  const row = await mfaRepo.get(svc.db, user.poolId, user.sub);
  if (!row?.pending_enc) throw mfaErrors.softwareTokenNotFound('Software token has not been associated; call AssociateSoftwareToken first.');
  if (!(await mfaRepo.reservePendingAttempt(svc.db, user.poolId, user.sub, MAX_VERIFY_ATTEMPTS))) throw errors.limitExceeded('Attempt limit exceeded, please try after some time.');
  let secret: string;
  try {
    secret = svc.box.open(row.pending_enc, sealContext(user, 'pending'));
  } catch {
    throw mfaErrors.softwareTokenNotFound('Software token has not been associated; call AssociateSoftwareToken first.');
  }
  const step = matchStep(secret, code, svc.clock.now());
  if (step === undefined) throw mfaErrors.enableSoftwareToken('Code mismatch and fail enable Software Token MFA');
  const ok = await mfaRepo.promote(svc.db, user.poolId, user.sub, row.pending_enc, svc.box.seal(secret, sealContext(user, 'active')), friendlyName ?? null, step, svc.clock.now());
  if (!ok) throw mfaErrors.enableSoftwareToken('Code mismatch and fail enable Software Token MFA');
}

/** The authenticator's friendly name, when it has one. */
export async function friendlyName(svc: Services, user: UserRecord): Promise<string | undefined> {
  return (await mfaRepo.get(svc.db, user.poolId, user.sub))?.friendly_name ?? undefined;
}

/**
 * A sign-in code: 'ok' when it matches the user's verified seed within ±1 step and that step was not used before
 * (by this or any other request); 'reused' for a code of a step already spent (or older); else 'wrong'.
 */
export async function checkSignInCode(svc: Services, user: UserRecord, code: string): Promise<'ok' | 'wrong' | 'reused'> {
  const row = await mfaRepo.get(svc.db, user.poolId, user.sub);
  if (!row?.secret_enc) return 'wrong';
  let secret: string;
  try {
    secret = svc.box.open(row.secret_enc, sealContext(user, 'active'));
  } catch {
    svc.log.warn({ poolId: user.poolId }, 'a stored TOTP seed does not open (wrong master key or corrupt row)');
    return 'wrong';
  }
  const step = matchStep(secret, code, svc.clock.now());
  if (step === undefined) return 'wrong';
  return (await mfaRepo.useStep(svc.db, user.poolId, user.sub, step)) ? 'ok' : 'reused';
}
