/**
 * How a user row maps to the domain: the username key (case folding per pool), the row → UserRecord
 * conversion, and the searchable columns mirrored from the attributes JSON. Keeping these in one place is
 * what keeps the mirror columns in sync; nothing else may compute them.
 */
import type { UserPool, UserRecord, UserStatus } from '../user-pools/types.js';
import type { UserRow } from '../store/users-repo.js';

/** Cognito's default when UsernameConfiguration is omitted is case-sensitive. */
export const caseInsensitive = (pool: UserPool) => pool.config.UsernameConfiguration?.CaseSensitive === false;

export const usernameKey = (pool: UserPool, username: string) => (caseInsensitive(pool) ? username.toLowerCase() : username);

export const SEARCHABLE = ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username'] as const;

/** The mirror columns for an attribute map. */
export function searchColumns(attrs: Readonly<Record<string, string>>) {
  const pick = (n: string) => attrs[n] ?? null;
  return {
    email: pick('email'),
    phone_number: pick('phone_number'),
    name: pick('name'),
    given_name: pick('given_name'),
    family_name: pick('family_name'),
    preferred_username: pick('preferred_username'),
  };
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function rowToUser(row: UserRow): UserRecord {
  return {
    poolId: row.pool_id,
    usernameKey: row.username_key,
    username: row.username,
    sub: row.sub,
    status: row.status as UserStatus,
    enabled: Number(row.enabled) === 1,
    attributes: parseJson<Record<string, string>>(row.attributes, {}),
    passwordHash: row.password_hash,
    srpSealed: row.srp_enc,
    passwordUpdatedAt: row.password_updated_at === null ? null : Number(row.password_updated_at),
    tempPasswordExpiresAt: row.temp_password_expires_at === null ? null : Number(row.temp_password_expires_at),
    tokensValidAfter: Number(row.tokens_valid_after),
    mfa: parseJson<Record<string, unknown>>(row.mfa, {}),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The attribute list as Cognito returns it: `sub` first, then the stored attributes. */
export function attributeList(user: UserRecord, keep?: (name: string) => boolean): { Name: string; Value: string }[] {
  const out = [{ Name: 'sub', Value: user.sub }];
  for (const [Name, Value] of Object.entries(user.attributes)) if (!keep || keep(Name)) out.push({ Name, Value });
  return keep && !keep('sub') ? out.slice(1) : out;
}

export const seconds = (ms: number) => ms / 1000;
