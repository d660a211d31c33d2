/**
 * SQL for app clients. Lookups by client id are primary-key seeks (the hot path of every public operation);
 * listing pages by keyset on (pool_id, client_id). The secret column only ever holds sealed text. Writes go
 * through configWrite so this node's configuration cache never serves what they replaced.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, PoolClientsTable } from './tables.js';
import { configWrite } from './config-version.js';

type Db = Kysely<Database>;
export type ClientRow = Selectable<PoolClientsTable>;

export const clientsRepo = {
  get: (db: Db, clientId: string) => db.selectFrom('pool_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst(),

  byName: (db: Db, poolId: string, name: string) =>
    db.selectFrom('pool_clients').selectAll().where('pool_id', '=', poolId).where('name', '=', name).orderBy('client_id').execute(),

  insert: (db: Db, row: ClientRow) => configWrite(() => db.insertInto('pool_clients').values(row).execute()),

  update: (db: Db, clientId: string, fields: Partial<Pick<ClientRow, 'name' | 'config' | 'secret_enc' | 'updated_at'>>) =>
    configWrite(() => db.updateTable('pool_clients').set(fields).where('client_id', '=', clientId).execute()),

  delete: async (db: Db, poolId: string, clientId: string) =>
    Number((await configWrite(() => db.deleteFrom('pool_clients').where('pool_id', '=', poolId).where('client_id', '=', clientId).executeTakeFirst())).numDeletedRows) > 0,

  /** A page of a pool's clients after `after`; one extra row tells the caller whether more follow. */
  page: (db: Db, poolId: string, after: string | undefined, limit: number) => {
    let q = db.selectFrom('pool_clients').select(['client_id', 'pool_id', 'name']).where('pool_id', '=', poolId);
    if (after !== undefined) q = q.where('client_id', '>', after);
    return q.orderBy('client_id').limit(limit + 1).execute();
  },
};
