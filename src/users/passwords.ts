/**
 * Passwords: the pool's policy (Cognito's exact InvalidPasswordException messages), argon2id hashing, temporary
 * password generation, and setting a password — which always stores the SRP verifier too, sealed, so password
 * and SRP sign-in can never disagree. Plain passwords and verifiers are never stored or logged.
 */
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord, UserStatus } from '../user-pools/types.js';
import { computeVerifier } from '../auth/srp.js';
import { sealSrp } from '../auth/srp-verifier.js';
import { usersRepo } from '../store/users-repo.js';
import type { Database } from '../store/tables.js';
import type { Kysely } from 'kysely';

const ARGON = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';
const DAY = 86_400_000;

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
  TemporaryPasswordValidityDays?: number;
}

/** The effective policy: Cognito's defaults (8, every class) when the pool has none. */
export function passwordPolicy(pool: UserPool): Required<PasswordPolicy> {
  const p: PasswordPolicy | undefined = pool.config.Policies?.PasswordPolicy;
  const dflt = p === undefined;
  return {
    MinimumLength: p?.MinimumLength ?? 8,
    RequireUppercase: p?.RequireUppercase ?? dflt,
    RequireLowercase: p?.RequireLowercase ?? dflt,
    RequireNumbers: p?.RequireNumbers ?? dflt,
    RequireSymbols: p?.RequireSymbols ?? dflt,
    TemporaryPasswordValidityDays: p?.TemporaryPasswordValidityDays || pool.config.AdminCreateUserConfig?.UnusedAccountValidityDays || 7,
  };
}

const isSymbol = (c: string) => SYMBOLS.includes(c);

/** Throws InvalidPasswordException with Cognito's wording when the password breaks the pool's policy. */
export function checkPasswordPolicy(pool: UserPool, password: string): void {
  if (password.length > 256) throw errors.invalidParameter("1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256");
  if (/^\s|\s$/.test(password)) {
    throw errors.invalidParameter("1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$");
  }
  const p = passwordPolicy(pool);
  const fail = (why: string) => errors.invalidPassword(`Password did not conform with policy: ${why}`);
  const chars = [...password];
  if (chars.length < p.MinimumLength) throw fail('Password not long enough');
  if (p.RequireNumbers && !chars.some((c) => c >= '0' && c <= '9')) throw fail('Password must have numeric characters');
  if (p.RequireLowercase && !chars.some((c) => c >= 'a' && c <= 'z')) throw fail('Password must have lowercase characters');
  if (p.RequireUppercase && !chars.some((c) => c >= 'A' && c <= 'Z')) throw fail('Password must have uppercase characters');
  if (p.RequireSymbols && !chars.some((c, i) => isSymbol(c) || (c === ' ' && i > 0 && i < chars.length - 1))) throw fail('Password must have symbol characters');
}

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A random password that satisfies the pool's policy (for AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(pool: UserPool): string {
  const p = passwordPolicy(pool);
  const pick = (s: string) => s[randomInt(s.length)];
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ', lower = 'abcdefghijkmnpqrstuvwxyz', digits = '23456789', symbols = '^$*.!@#%&=+-_';
  const all = upper + lower + digits + symbols;
  const chars = [pick(upper), pick(lower), pick(digits), pick(symbols)];
  while (chars.length < Math.max(p.MinimumLength, 12)) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The stored credential columns for a password: argon2id hash and the sealed SRP verifier. */
export async function credentialColumns(svc: Services, pool: UserPool, usernameKey: string, username: string, password: string) {
  const [password_hash, v] = await Promise.all([hashPassword(password), Promise.resolve(computeVerifier(pool.srpName, username, password))]);
  return { password_hash, srp_enc: sealSrp(svc, pool.id, usernameKey, v) };
}

/** Temp-password expiry for a status (only FORCE_CHANGE_PASSWORD has one). */
export function tempExpiry(pool: UserPool, status: UserStatus, now: number): number | null {
  return status === 'FORCE_CHANGE_PASSWORD' ? now + passwordPolicy(pool).TemporaryPasswordValidityDays * DAY : null;
}

/**
 * Validates and sets a user's password with a new status: hash + SRP verifier, password_updated_at, and the
 * temporary-password expiry when the status is FORCE_CHANGE_PASSWORD. Returns the updated record.
 */
export async function setUserPassword(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  password: string,
  opts: { status: UserStatus; db?: Kysely<Database> },
): Promise<UserRecord> {
  checkPasswordPolicy(pool, password);
  const cols = await credentialColumns(svc, pool, user.usernameKey, user.username, password);
  const now = svc.clock.now();
  const patch = {
    ...cols,
    status: opts.status,
    password_updated_at: now,
    temp_password_expires_at: tempExpiry(pool, opts.status, now),
    updated_at: now,
  };
  const ok = await usersRepo.update(opts.db ?? svc.db, pool.id, user.usernameKey, patch);
  if (!ok) throw errors.userNotFound('User does not exist.');
  return {
    ...user,
    passwordHash: cols.password_hash,
    srpSealed: cols.srp_enc,
    status: opts.status,
    passwordUpdatedAt: now,
    tempPasswordExpiresAt: patch.temp_password_expires_at,
    updatedAt: now,
  };
}
