/**
 * SQL for groups (the group rows; membership lives in group-members-repo). Keyed and paged by (pool_id, name).
 * Deleting a group removes its memberships in the same transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, GroupsTable } from './tables.js';

type Db = Kysely<Database>;
export type GroupRow = Selectable<GroupsTable>;

export const groupsRepo = {
  get: (db: Db, poolId: string, name: string) =>
    db.selectFrom('groups').selectAll().where('pool_id', '=', poolId).where('name', '=', name).executeTakeFirst(),

  /** Inserts the group; false when one with that name already exists. */
  insert: async (db: Db, row: GroupRow) => {
    const r = await db.insertInto('groups').values(row).onConflict((c) => c.columns(['pool_id', 'name']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  update: (db: Db, poolId: string, name: string, fields: Partial<Pick<GroupRow, 'description' | 'role_arn' | 'precedence' | 'updated_at'>>) =>
    db.updateTable('groups').set(fields).where('pool_id', '=', poolId).where('name', '=', name).execute(),

  /** Deletes the group and its memberships; false when it did not exist. */
  delete: (db: Db, poolId: string, name: string) =>
    db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('groups').where('pool_id', '=', poolId).where('name', '=', name).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await trx.deleteFrom('group_members').where('pool_id', '=', poolId).where('group_name', '=', name).execute();
      return true;
    }),

  /** A page of a pool's groups in name order after `after`; one extra row tells the caller whether more follow. */
  page: (db: Db, poolId: string, after: string | undefined, limit: number) => {
    let q = db.selectFrom('groups').selectAll().where('pool_id', '=', poolId);
    if (after !== undefined) q = q.where('name', '>', after);
    return q.orderBy('name').limit(limit + 1).execute();
  },
};
