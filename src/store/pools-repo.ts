/**
 * SQL for user pools. Reads are primary-key seeks; ListUserPools pages by keyset on the id. Deleting a pool
 * removes every row keyed by its pool_id in every table (found from the catalogue, so tables added later by
 * other areas are covered too) in one transaction: a half-deleted pool must never be visible. Every write goes
 * through configWrite so this node's configuration cache never serves what it replaced.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UserPoolsTable } from './tables.js';
import type { Dialect } from './db.js';
import { configWrite } from './config-version.js';

type Db = Kysely<Database>;
export type PoolRow = Selectable<UserPoolsTable>;

/** Names of the tables with a pool_id column, other than user_pools itself. */
async function poolKeyedTables(db: Db, dialect: Dialect): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ name: string }>`select c.table_name as name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.column_name = 'pool_id' and c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select m.name as name from sqlite_master m, pragma_table_info(m.name) p
    where m.type = 'table' and p.name = 'pool_id'`.execute(db);
  return r.rows.map((x) => x.name);
}

export const poolsRepo = {
  get: (db: Db, id: string) => db.selectFrom('user_pools').selectAll().where('id', '=', id).executeTakeFirst(),

  exists: async (db: Db, id: string) => (await db.selectFrom('user_pools').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,

  byName: (db: Db, name: string) => db.selectFrom('user_pools').selectAll().where('name', '=', name).orderBy('id').execute(),

  insert: (db: Db, row: PoolRow) => configWrite(() => db.insertInto('user_pools').values(row).execute()),

  update: (db: Db, id: string, fields: Partial<Pick<PoolRow, 'name' | 'config' | 'tags' | 'updated_at'>>) =>
    configWrite(() => db.updateTable('user_pools').set(fields).where('id', '=', id).execute()),

  /**
   * Compare-and-set on the config or tags text: writes only if the column still holds what the caller read,
   * so two concurrent read-modify-write changes (e.g. AddCustomAttributes) cannot lose one another.
   */
  updateIf: async (db: Db, id: string, column: 'config' | 'tags', expected: string, fields: Partial<Pick<PoolRow, 'name' | 'config' | 'tags' | 'updated_at'>>) => {
    const r = await configWrite(() => db.updateTable('user_pools').set(fields).where('id', '=', id).where(column, '=', expected).executeTakeFirst());
    return Number(r.numUpdatedRows) > 0;
  },

  /** A page of pools in id order after `after`; one extra row tells the caller whether more follow. */
  page: (db: Db, after: string | undefined, limit: number) => {
    let q = db.selectFrom('user_pools').select(['id', 'name', 'config']);
    if (after !== undefined) q = q.where('id', '>', after);
    return q.orderBy('id').limit(limit + 1).execute();
  },

  countUsers: async (db: Db, poolId: string) =>
    Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('pool_id', '=', poolId).executeTakeFirst())?.n ?? 0),

  /** Deletes the pool and everything keyed by its id; false when it did not exist. */
  deleteCascade: (db: Db, dialect: Dialect, poolId: string) =>
    configWrite(() => db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('user_pools').where('id', '=', poolId).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      for (const table of await poolKeyedTables(trx, dialect)) {
        if (table === 'user_pools') continue;
        await sql`delete from ${sql.table(table)} where pool_id = ${poolId}`.execute(trx);
      }
      return true;
    })),
};
