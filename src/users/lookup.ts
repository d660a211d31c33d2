/**
 * Finding users for the rest of the domain: by username (case-folded per pool) and then by sign-in alias
 * (verified email/phone or preferred_username with AliasAttributes; email/phone with UsernameAttributes).
 * Each step is one index seek. Never returns a user of another pool.
 */
import type { Kysely } from 'kysely';
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { Database } from '../store/tables.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { usersRepo, aliasesRepo } from '../store/users-repo.js';
import { groupMembersRepo } from '../store/group-members-repo.js';
import { rowToUser, usernameKey } from './records.js';
import { aliasAttributes, aliasKey } from './aliases.js';

/** Resolves a username, or an alias (verified email/phone, preferred_username) as the pool allows. */
export async function findUser(svc: Services, pool: UserPool, usernameOrAlias: string, db: Kysely<Database> = svc.db): Promise<UserRecord | undefined> {
  if (!usernameOrAlias) return undefined;
  const direct = await usersRepo.get(db, pool.id, usernameKey(pool, usernameOrAlias));
  if (direct) return rowToUser(direct);
  const keys = aliasAttributes(pool).map((a) => aliasKey(pool, a, usernameOrAlias));
  const hit = await aliasesRepo.find(db, pool.id, keys);
  if (!hit) return undefined;
  const row = await usersRepo.get(db, pool.id, hit.username_key);
  return row ? rowToUser(row) : undefined;
}

/** The user by its username key (no alias resolution). */
export async function userByKey(svc: Services, poolId: string, key: string, db: Kysely<Database> = svc.db): Promise<UserRecord | undefined> {
  const row = await usersRepo.get(db, poolId, key);
  return row ? rowToUser(row) : undefined;
}

/** findUser for admin operations: UserNotFoundException "User does not exist." when absent. */
export async function requireUser(svc: Services, pool: UserPool, username: string): Promise<UserRecord> {
  const u = await findUser(svc, pool, username);
  if (!u) throw errors.userNotFound('User does not exist.');
  return u;
}

export interface UserGroup { name: string; roleArn?: string; precedence?: number }

/** The user's groups, best precedence first (groups without precedence last, then by name). */
export async function groupsOfUser(svc: Services, poolId: string, usernameKey: string): Promise<UserGroup[]> {
  const rows = await groupMembersRepo.groupsOfUser(svc.db, poolId, usernameKey);
  const groups = rows.map((r) => ({
    name: r.name,
    ...(r.role_arn !== null ? { roleArn: r.role_arn } : {}),
    ...(r.precedence !== null ? { precedence: Number(r.precedence) } : {}),
  }));
  return groups.sort((a, b) => (a.precedence ?? Infinity) - (b.precedence ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
