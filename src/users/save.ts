/**
 * Writing a user's attributes back: the JSON map, the mirrored search columns and the aliases together in
 * one transaction, so ListUsers and alias sign-in always agree with the attributes.
 */
import type { Kysely, Updateable } from 'kysely';
import type { Services } from '../services.js';
import type { Database, UsersTable } from '../store/tables.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { usersRepo } from '../store/users-repo.js';
import { errors } from '../errors.js';
import { syncAliases } from './aliases.js';
import { searchColumns } from './records.js';

export async function saveUser(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  attrs: Record<string, string>,
  opts: { force?: boolean; patch?: Updateable<UsersTable>; db?: Kysely<Database> } = {},
): Promise<UserRecord> {
  const now = svc.clock.now();
  const run = async (db: Kysely<Database>) => {
    await syncAliases(db, pool, user.usernameKey, attrs, { force: opts.force, conflict: 'alias', now });
    const ok = await usersRepo.update(db, pool.id, user.usernameKey, { ...(opts.patch ?? {}), attributes: JSON.stringify(attrs), ...searchColumns(attrs), updated_at: now });
    if (!ok) throw errors.userNotFound('User does not exist.');
  };
  if (opts.db) await run(opts.db);
  else await svc.db.transaction().execute(run);
  const p = opts.patch ?? {};
  return {
    ...user,
    attributes: attrs,
    ...(typeof p.status === 'string' ? { status: p.status as UserRecord['status'] } : {}),
    ...(p.enabled !== undefined ? { enabled: Number(p.enabled) === 1 } : {}),
    updatedAt: now,
  };
}
