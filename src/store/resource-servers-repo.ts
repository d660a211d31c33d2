/**
 * SQL for resource servers, keyed and paged by (pool_id, identifier). Scopes are stored as JSON text; this
 * module never interprets them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, ResourceServersTable } from './tables.js';

type Db = Kysely<Database>;
export type ResourceServerRow = Selectable<ResourceServersTable>;

export const resourceServersRepo = {
  get: (db: Db, poolId: string, identifier: string) =>
    db.selectFrom('resource_servers').selectAll().where('pool_id', '=', poolId).where('identifier', '=', identifier).executeTakeFirst(),

  count: async (db: Db, poolId: string) =>
    Number((await db.selectFrom('resource_servers').select((eb) => eb.fn.countAll().as('n')).where('pool_id', '=', poolId).executeTakeFirstOrThrow()).n),

  /** Inserts the server; false when the pool already has one with that identifier. */
  insert: async (db: Db, row: ResourceServerRow) => {
    const r = await db.insertInto('resource_servers').values(row).onConflict((c) => c.columns(['pool_id', 'identifier']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  update: async (db: Db, poolId: string, identifier: string, fields: Pick<ResourceServerRow, 'name' | 'scopes' | 'updated_at'>) =>
    Number(
      (await db.updateTable('resource_servers').set(fields).where('pool_id', '=', poolId).where('identifier', '=', identifier).executeTakeFirst())
        .numUpdatedRows,
    ) > 0,

  delete: async (db: Db, poolId: string, identifier: string) =>
    Number((await db.deleteFrom('resource_servers').where('pool_id', '=', poolId).where('identifier', '=', identifier).executeTakeFirst()).numDeletedRows) > 0,

  page: (db: Db, poolId: string, after: string | undefined, limit: number) => {
    let q = db.selectFrom('resource_servers').selectAll().where('pool_id', '=', poolId);
    if (after !== undefined) q = q.where('identifier', '>', after);
    return q.orderBy('identifier').limit(limit + 1).execute();
  },
};
