/**
 * Sign-in aliases: which attribute values identify a user besides the username, and keeping the aliases
 * table equal to that. With AliasAttributes only verified email/phone (and any preferred_username) are
 * aliases; with UsernameAttributes the email/phone always are, which is also what makes them unique.
 * A taken alias raises AliasExistsException (or UsernameExistsException at sign-up) unless ForceAliasCreation
 * moves it, in which case the previous owner's value becomes unverified. Callers run this in a transaction.
 */
import type { Kysely } from 'kysely';
import { errors } from '../errors.js';
import type { Database } from '../store/tables.js';
import type { UserPool } from '../user-pools/types.js';
import { aliasesRepo, usersRepo } from '../store/users-repo.js';
import { caseInsensitive, parseJson } from './records.js';

export const usesUsernameAttributes = (pool: UserPool) => ((pool.config.UsernameAttributes ?? []) as string[]).length > 0;

/** Attributes that sign in besides the username. */
export function aliasAttributes(pool: UserPool): string[] {
  const u = (pool.config.UsernameAttributes ?? []) as string[];
  return u.length > 0 ? u : ((pool.config.AliasAttributes ?? []) as string[]);
}

export function aliasKey(pool: UserPool, attr: string, value: string): string {
  const fold = caseInsensitive(pool) && attr !== 'phone_number';
  return `${attr}:${fold ? value.toLowerCase() : value}`;
}

/** alias key → attribute, for an attribute map. */
export function desiredAliases(pool: UserPool, attrs: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  const byUsername = usesUsernameAttributes(pool);
  for (const a of aliasAttributes(pool)) {
    const v = attrs[a];
    if (!v) continue;
    const verified = a === 'preferred_username' || byUsername || attrs[`${a}_verified`] === 'true';
    if (verified) out.set(aliasKey(pool, a, v), a);
  }
  return out;
}

export const aliasTaken = (attr: string) => errors.aliasExists(`An account with the given ${attr} already exists.`);

/**
 * Makes the user's aliases match its attributes. Throws on a taken alias unless `force` (not for
 * preferred_username nor in UsernameAttributes pools), which moves it and unverifies the previous owner.
 */
export async function syncAliases(
  db: Kysely<Database>,
  pool: UserPool,
  usernameKey: string,
  attrs: Readonly<Record<string, string>>,
  opts: { force?: boolean; conflict?: 'alias' | 'username'; now: number },
): Promise<void> {
  const want = desiredAliases(pool, attrs);
  const have = new Set((await aliasesRepo.ofUser(db, pool.id, usernameKey)).map((r) => r.alias_key));
  for (const k of have) if (!want.has(k)) await aliasesRepo.release(db, pool.id, k, usernameKey);
  for (const [k, attr] of want) {
    if (have.has(k)) continue;
    if (await aliasesRepo.claim(db, pool.id, k, usernameKey)) continue;
    const movable = opts.force && attr !== 'preferred_username' && !usesUsernameAttributes(pool);
    if (!movable) {
      throw opts.conflict === 'username' ? errors.usernameExists(`An account with the given ${attr} already exists.`) : aliasTaken(attr);
    }
    const prev = await aliasesRepo.move(db, pool.id, k, usernameKey);
    if (prev) await unverify(db, pool.id, prev, attr, opts.now);
  }
}

async function unverify(db: Kysely<Database>, poolId: string, usernameKey: string, attr: string, now: number): Promise<void> {
  const row = await usersRepo.get(db, poolId, usernameKey);
  if (!row) return;
  const attrs = parseJson<Record<string, string>>(row.attributes, {});
  attrs[`${attr}_verified`] = 'false';
  await usersRepo.update(db, poolId, usernameKey, { attributes: JSON.stringify(attrs), updated_at: now });
}

/** The first alias attribute these attributes would take from another user, without changing anything. */
export async function aliasConflict(db: Kysely<Database>, pool: UserPool, usernameKey: string, attrs: Readonly<Record<string, string>>): Promise<string | undefined> {
  for (const [k, attr] of desiredAliases(pool, attrs)) {
    const owner = await aliasesRepo.owner(db, pool.id, k);
    if (owner !== undefined && owner !== usernameKey) return attr;
  }
  return undefined;
}
