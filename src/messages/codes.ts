/**
 * One-time codes: 6 digits from the CSPRNG, stored only as a hash bound to pool, user and purpose, single-use,
 * expiring, and dead after MAX_CODE_ATTEMPTS tries. Each try first reserves an attempt atomically (so parallel
 * guesses cannot exceed the cap), then compares in constant time and consumes the row with a conditional
 * delete, so two concurrent requests cannot both use one code. Never log a code.
 */
import type { Kysely } from 'kysely';
import { errors } from '../errors.js';
import { ids, safeEqual, sha256Hex } from '../crypto/random.js';
import { codesRepo } from '../store/codes-repo.js';
import type { Database } from '../store/tables.js';
import type { Services } from '../services.js';

const HOUR = 3_600_000;
export const CODE_TTL_MS = { signup: 24 * HOUR, verify: 24 * HOUR, reset: HOUR } as const;
export const MAX_CODE_ATTEMPTS = 5;

export type CodePurpose = 'signup' | 'reset' | 'verify:email' | 'verify:phone_number';

export interface CodeKey {
  poolId: string;
  usernameKey: string;
  purpose: CodePurpose;
}

const hashCode = (k: CodeKey, code: string) => sha256Hex(`cognate-code\n${k.poolId}\n${k.usernameKey}\n${k.purpose}\n${code}`);

/** Creates (or replaces) the code for this purpose and returns it in plain text for delivery. */
export async function issueCode(svc: Services, k: CodeKey, opts: { ttlMs: number; meta?: Record<string, unknown>; db?: Kysely<Database> }): Promise<string> {
  const code = ids.code();
  const now = svc.clock.now();
  await codesRepo.put(opts.db ?? svc.db, {
    pool_id: k.poolId,
    username_key: k.usernameKey,
    purpose: k.purpose,
    code_hash: hashCode(k, code),
    attempts: 0,
    expires_at: now + opts.ttlMs,
    created_at: now,
    meta: opts.meta ? JSON.stringify(opts.meta) : null,
  });
  return code;
}

export const codeMismatch = () => errors.codeMismatch('Invalid verification code provided, please try again.');
export const expiredCode = () => errors.expiredCode('Invalid code provided, please request a code again.');
export const attemptLimit = () => errors.limitExceeded('Attempt limit exceeded, please try after some time.');

/**
 * Checks and consumes a code. Returns the meta stored with it. Throws CodeMismatchException (wrong code),
 * ExpiredCodeException (none, expired or already used) or LimitExceededException (too many wrong tries).
 */
export async function redeemCode(svc: Services, k: CodeKey, code: string): Promise<Record<string, unknown>> {
  const row = await codesRepo.get(svc.db, k.poolId, k.usernameKey, k.purpose);
  const given = hashCode(k, code);
  if (!row) {
    // Keep the work the same as a real comparison.
    safeEqual(given, given);
    throw expiredCode();
  }
  if (Number(row.expires_at) <= svc.clock.now()) {
    await codesRepo.delete(svc.db, k.poolId, k.usernameKey, k.purpose);
    throw expiredCode();
  }
  if (!(await codesRepo.reserveAttempt(svc.db, k.poolId, k.usernameKey, k.purpose, row.code_hash, MAX_CODE_ATTEMPTS))) throw attemptLimit();
  if (!safeEqual(row.code_hash, given)) throw codeMismatch();
  if (!(await codesRepo.consume(svc.db, k.poolId, k.usernameKey, k.purpose, given))) throw expiredCode();
  return row.meta ? (JSON.parse(row.meta) as Record<string, unknown>) : {};
}

/** The stored meta of a live code without consuming it (e.g. a pending attribute value). */
export async function peekCodeMeta(svc: Services, k: CodeKey): Promise<Record<string, unknown> | undefined> {
  const row = await codesRepo.get(svc.db, k.poolId, k.usernameKey, k.purpose);
  if (!row || Number(row.expires_at) <= svc.clock.now()) return undefined;
  return row.meta ? (JSON.parse(row.meta) as Record<string, unknown>) : {};
}
