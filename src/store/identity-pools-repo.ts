/**
 * SQL for identity pools, their identities and linked logins. Reads are primary-key or index seeks; lists page
 * by keyset on the id. Linking a login relies on the (pool, provider, subject) primary key so two racing
 * requests can never give one provider subject two identities. It holds no rules.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, IdentityPoolsTable, IdentitiesTable, IdentityLoginsTable } from './tables.js';

type Db = Kysely<Database>;
export type IdentityPoolRow = Selectable<IdentityPoolsTable>;
export type IdentityRow = Selectable<IdentitiesTable>;
export type LoginRow = Selectable<IdentityLoginsTable>;
type PoolFields = Partial<Omit<IdentityPoolRow, 'id' | 'created_at'>>;

export const identityPoolsRepo = {
  get: (db: Db, id: string) => db.selectFrom('identity_pools').selectAll().where('id', '=', id).executeTakeFirst(),

  insert: (db: Db, row: IdentityPoolRow) => db.insertInto('identity_pools').values(row).execute(),

  update: async (db: Db, id: string, fields: PoolFields) =>
    Number((await db.updateTable('identity_pools').set(fields).where('id', '=', id).executeTakeFirst()).numUpdatedRows) > 0,

  /** Compare-and-set on one JSON column, so concurrent read-modify-write changes cannot lose one another. */
  updateIf: async (db: Db, id: string, column: 'tags' | 'tag_maps', expected: string, fields: PoolFields) =>
    Number((await db.updateTable('identity_pools').set(fields).where('id', '=', id).where(column, '=', expected).executeTakeFirst()).numUpdatedRows) > 0,

  page: (db: Db, after: string | undefined, limit: number) => {
    let q = db.selectFrom('identity_pools').select(['id', 'name']);
    if (after !== undefined) q = q.where('id', '>', after);
    return q.orderBy('id').limit(limit + 1).execute();
  },

  /** Deletes the pool with its identities and logins in one transaction; false when it did not exist. */
  deleteCascade: (db: Db, id: string) =>
    db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('identity_pools').where('id', '=', id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      await trx.deleteFrom('identity_logins').where('identity_pool_id', '=', id).execute();
      await trx.deleteFrom('identities').where('identity_pool_id', '=', id).execute();
      return true;
    }),
};

export const identitiesRepo = {
  get: (db: Db, identityId: string) => db.selectFrom('identities').selectAll().where('identity_id', '=', identityId).executeTakeFirst(),

  insert: (db: Db, row: IdentityRow) => db.insertInto('identities').values(row).execute(),

  touch: (db: Db, identityId: string, now: number) => db.updateTable('identities').set({ updated_at: now }).where('identity_id', '=', identityId).execute(),

  disable: (db: Db, identityId: string, now: number) =>
    db.updateTable('identities').set({ disabled: 1, updated_at: now }).where('identity_id', '=', identityId).execute(),

  page: (db: Db, poolId: string, after: string | undefined, limit: number, hideDisabled: boolean) => {
    let q = db.selectFrom('identities').selectAll().where('identity_pool_id', '=', poolId);
    if (after !== undefined) q = q.where('identity_id', '>', after);
    if (hideDisabled) q = q.where('disabled', '=', 0);
    return q.orderBy('identity_id').limit(limit + 1).execute();
  },

  /** Deletes identities (and their logins) by id; unknown ids are ignored. */
  deleteMany: (db: Db, ids: readonly string[]) =>
    db.transaction().execute(async (trx) => {
      await trx.deleteFrom('identity_logins').where('identity_id', 'in', ids).execute();
      await trx.deleteFrom('identities').where('identity_id', 'in', ids).execute();
    }),
};

export const loginsRepo = {
  find: (db: Db, poolId: string, provider: string, subject: string) =>
    db.selectFrom('identity_logins').selectAll().where('identity_pool_id', '=', poolId).where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst(),

  ofIdentity: (db: Db, identityId: string) =>
    db.selectFrom('identity_logins').selectAll().where('identity_id', '=', identityId).orderBy('provider').orderBy('subject').execute(),

  ofIdentities: (db: Db, ids: readonly string[]) =>
    ids.length === 0 ? Promise.resolve([] as LoginRow[]) : db.selectFrom('identity_logins').selectAll().where('identity_id', 'in', ids).execute(),

  /** Subjects of one provider linked to an identity, in subject order after `after`. */
  subjectsOf: (db: Db, identityId: string, provider: string, after: string | undefined, limit: number) => {
    let q = db.selectFrom('identity_logins').select('subject').where('identity_id', '=', identityId).where('provider', '=', provider);
    if (after !== undefined) q = q.where('subject', '>', after);
    return q.orderBy('subject').limit(limit + 1).execute();
  },

  /** Links unless the subject is linked already; true when this call linked it. */
  insertIfAbsent: async (db: Db, row: LoginRow) => {
    const r = await db.insertInto('identity_logins').values(row).onConflict((c) => c.doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  /** Moves every login of `from` to `to` (merging identities). */
  moveAll: (db: Db, from: string, to: string) => db.updateTable('identity_logins').set({ identity_id: to }).where('identity_id', '=', from).execute(),

  remove: async (db: Db, identityId: string, provider: string, subject?: string) => {
    let q = db.deleteFrom('identity_logins').where('identity_id', '=', identityId).where('provider', '=', provider);
    if (subject !== undefined) q = q.where('subject', '=', subject);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  },

  count: async (db: Db, identityId: string) =>
    Number((await db.selectFrom('identity_logins').select((eb) => eb.fn.countAll().as('n')).where('identity_id', '=', identityId).executeTakeFirst())?.n ?? 0),
};
