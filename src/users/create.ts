/**
 * Creating a user row (SignUp and AdminCreateUser): the username rules of the pool (UsernameAttributes makes
 * the stored username the generated sub and copies the e-mail/phone; AliasAttributes forbids usernames that
 * look like an aliased e-mail/phone), required attributes, an immutable random sub, credentials, and the
 * aliases — all in one transaction so a conflict never leaves half a user behind.
 */
import { errors } from '../errors.js';
import { ids } from '../crypto/random.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord, UserStatus } from '../user-pools/types.js';
import { usersRepo, type UserRow } from '../store/users-repo.js';
import { checkRequired, looksLikeEmail, looksLikePhone } from './attributes.js';
import { syncAliases, usesUsernameAttributes } from './aliases.js';
import { credentialColumns, tempExpiry } from './passwords.js';
import { rowToUser, searchColumns, usernameKey } from './records.js';

const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** Applies the pool's username rules; returns the stored username and the attributes with copied identifiers. */
export function resolveUsername(pool: UserPool, given: string, attrs: Record<string, string>, sub: string): { username: string; attrs: Record<string, string> } {
  if (!USERNAME.test(given)) {
    throw errors.invalidParameter("1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  }
  if (usesUsernameAttributes(pool)) {
    const allowed = pool.config.UsernameAttributes as string[];
    const out = { ...attrs };
    if (allowed.includes('email') && looksLikeEmail(given)) out.email = given;
    else if (allowed.includes('phone_number') && looksLikePhone(given)) out.phone_number = given;
    else if (allowed.length > 1) throw errors.invalidParameter('Username should be either an email or a phone number.');
    else throw errors.invalidParameter(allowed[0] === 'email' ? 'Username should be an email.' : 'Username should be a phone number.');
    return { username: sub, attrs: out };
  }
  const aliases = (pool.config.AliasAttributes ?? []) as string[];
  if (aliases.includes('email') && looksLikeEmail(given)) {
    throw errors.invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && looksLikePhone(given)) {
    throw errors.invalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  }
  return { username: given, attrs };
}

export interface NewUser {
  username: string;
  attributes: Record<string, string>;
  password?: string;
  status: UserStatus;
  forceAlias?: boolean;
  /** A sub chosen by the caller (so a trigger could see it before the row exists); default a fresh one. */
  sub?: string;
}

export async function createUser(svc: Services, pool: UserPool, n: NewUser): Promise<UserRecord> {
  const sub = n.sub ?? ids.uuid();
  const { username, attrs } = resolveUsername(pool, n.username, n.attributes, sub);
  checkRequired(pool, attrs);
  const key = usernameKey(pool, username);
  const creds = n.password !== undefined ? await credentialColumns(svc, pool, key, username, n.password) : { password_hash: null, srp_enc: null };
  const now = svc.clock.now();
  const row: UserRow = {
    pool_id: pool.id,
    username_key: key,
    username,
    sub,
    status: n.status,
    enabled: 1,
    attributes: JSON.stringify(attrs),
    ...creds,
    password_updated_at: n.password !== undefined ? now : null,
    temp_password_expires_at: tempExpiry(pool, n.status, now),
    tokens_valid_after: 0,
    mfa: '{}',
    ...searchColumns(attrs),
    created_at: now,
    updated_at: now,
  };
  await svc.db.transaction().execute(async (trx) => {
    if (!(await usersRepo.insert(trx, row))) throw errors.usernameExists('User already exists');
    await syncAliases(trx, pool, key, attrs, { force: n.forceAlias, conflict: usesUsernameAttributes(pool) ? 'username' : 'alias', now });
  });
  return rowToUser(row);
}
