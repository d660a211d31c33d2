/**
 * SQL for user rows and their sign-in aliases. Every lookup is an index seek on (pool_id, …); listing pages by
 * keyset on the primary key (pool_id, username_key), never by OFFSET. Rules (who may own an alias, which
 * columns mirror which attributes) live in src/users/; this module must not decide them.
 */
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, UsersTable } from './tables.js';

type Db = Kysely<Database>;
/** Sorts after every other character in UTF-8 byte order: the exclusive upper bound of a prefix range. */
const MAX_CHAR = '\u{10FFFF}';
export type UserRow = Selectable<UsersTable>;
/** Rows per bulk statement: 21 columns × 1,000 stays under both dialects' parameter limits. */
const BULK_ROWS = 1000;
const BULK_KEYS = 5000;

/** The columns ListUsers can filter on, mapped from Cognito's filter attribute names. */
export type SearchColumn = 'username' | 'email' | 'phone_number' | 'name' | 'given_name' | 'family_name' | 'preferred_username' | 'status' | 'sub' | 'enabled';

export interface ListQuery {
  poolId: string;
  after?: string;
  limit: number;
  filter?: { column: SearchColumn; op: '=' | '^='; value: string | number };
}

export const usersRepo = {
  get: (db: Db, poolId: string, usernameKey: string) =>
    db.selectFrom('users').selectAll().where('pool_id', '=', poolId).where('username_key', '=', usernameKey).executeTakeFirst(),

  getBySub: (db: Db, poolId: string, sub: string) =>
    db.selectFrom('users').selectAll().where('pool_id', '=', poolId).where('sub', '=', sub).executeTakeFirst(),

  /** Inserts the row; false when the username key is taken. */
  insert: async (db: Db, row: UserRow): Promise<boolean> => {
    const r = await db.insertInto('users').values(row).onConflict((c) => c.columns(['pool_id', 'username_key']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  update: async (db: Db, poolId: string, usernameKey: string, patch: Updateable<UsersTable>): Promise<boolean> => {
    const r = await db.updateTable('users').set(patch).where('pool_id', '=', poolId).where('username_key', '=', usernameKey).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  delete: async (db: Db, poolId: string, usernameKey: string): Promise<boolean> => {
    const r = await db.deleteFrom('users').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  /** One page of users ordered by username_key, starting after `after`. */
  list: (db: Db, q: ListQuery, dialect: 'sqlite' | 'postgres') => {
    let query = db.selectFrom('users').selectAll().where('pool_id', '=', q.poolId);
    if (q.after !== undefined) query = query.where('username_key', '>', q.after);
    const f = q.filter;
    if (f) {
      if (f.op === '=') query = query.where(f.column, '=', f.value as never);
      else {
        const v = String(f.value);
        // A byte-order range lets the index seek (SQLite's default collation is binary; PostgreSQL uses the
        // COLLATE "C" expression indexes of migration 0021); substr() keeps the match exact in both, where LIKE
        // would be case-insensitive in SQLite.
        const col = dialect === 'postgres' ? sql<string>`(${sql.ref(f.column)} collate "C")` : sql<string>`${sql.ref(f.column)}`;
        query = query
          .where(sql<boolean>`${col} >= ${v}`)
          .where(sql<boolean>`${col} < ${v + MAX_CHAR}`)
          .where(sql<boolean>`substr(${sql.ref(f.column)}, 1, ${[...v].length}) = ${v}`);
      }
    }
    return query.orderBy('username_key').limit(q.limit).execute();
  },

  /**
   * Bulk insert (user import): one multi-row statement per chunk, existing username keys left alone. Returns the
   * keys actually inserted. Chunks stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
   */
  insertMany: async (db: Db, rows: UserRow[]): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      const r = await db.insertInto('users').values(rows.slice(i, i + BULK_ROWS)).onConflict((c) => c.columns(['pool_id', 'username_key']).doNothing()).returning('username_key').execute();
      for (const x of r) out.push(x.username_key);
    }
    return out;
  },

  deleteMany: async (db: Db, poolId: string, usernameKeys: string[]): Promise<void> => {
    for (let i = 0; i < usernameKeys.length; i += BULK_KEYS) {
      await db.deleteFrom('users').where('pool_id', '=', poolId).where('username_key', 'in', usernameKeys.slice(i, i + BULK_KEYS)).execute();
    }
  },

  /** Usernames keys with the given keys (for group listings). */
  getMany: (db: Db, poolId: string, usernameKeys: string[]) =>
    usernameKeys.length === 0
      ? Promise.resolve([] as UserRow[])
      : db.selectFrom('users').selectAll().where('pool_id', '=', poolId).where('username_key', 'in', usernameKeys).execute(),
};

export const aliasesRepo = {
  /** The owner of the first alias key that exists, in the order given. */
  find: async (db: Db, poolId: string, aliasKeys: string[]): Promise<{ alias_key: string; username_key: string } | undefined> => {
    if (aliasKeys.length === 0) return undefined;
    const rows = await db.selectFrom('aliases').select(['alias_key', 'username_key']).where('pool_id', '=', poolId).where('alias_key', 'in', aliasKeys).execute();
    for (const k of aliasKeys) {
      const r = rows.find((x) => x.alias_key === k);
      if (r) return r;
    }
    return undefined;
  },

  owner: async (db: Db, poolId: string, aliasKey: string) =>
    (await db.selectFrom('aliases').select('username_key').where('pool_id', '=', poolId).where('alias_key', '=', aliasKey).executeTakeFirst())?.username_key,

  /** Claims the alias for the user; false when another user owns it. */
  claim: async (db: Db, poolId: string, aliasKey: string, usernameKey: string): Promise<boolean> => {
    await db.insertInto('aliases').values({ pool_id: poolId, alias_key: aliasKey, username_key: usernameKey }).onConflict((c) => c.columns(['pool_id', 'alias_key']).doNothing()).execute();
    const owner = await aliasesRepo.owner(db, poolId, aliasKey);
    return owner === usernameKey;
  },

  /** Gives the alias to the user whoever had it; returns the previous owner (if another user). */
  move: async (db: Db, poolId: string, aliasKey: string, usernameKey: string): Promise<string | undefined> => {
    const prev = await aliasesRepo.owner(db, poolId, aliasKey);
    if (prev === usernameKey) return undefined;
    if (prev !== undefined) await db.updateTable('aliases').set({ username_key: usernameKey }).where('pool_id', '=', poolId).where('alias_key', '=', aliasKey).execute();
    else await db.insertInto('aliases').values({ pool_id: poolId, alias_key: aliasKey, username_key: usernameKey }).execute();
    return prev;
  },

  ofUser: (db: Db, poolId: string, usernameKey: string) =>
    db.selectFrom('aliases').select('alias_key').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute(),

  release: (db: Db, poolId: string, aliasKey: string, usernameKey: string) =>
    db.deleteFrom('aliases').where('pool_id', '=', poolId).where('alias_key', '=', aliasKey).where('username_key', '=', usernameKey).execute(),

  /** Bulk claim (user import): returns the alias keys inserted; taken ones are left to their owners. */
  insertMany: async (db: Db, rows: { pool_id: string; alias_key: string; username_key: string }[]): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i += BULK_KEYS) {
      const r = await db.insertInto('aliases').values(rows.slice(i, i + BULK_KEYS)).onConflict((c) => c.columns(['pool_id', 'alias_key']).doNothing()).returning('alias_key').execute();
      for (const x of r) out.push(x.alias_key);
    }
    return out;
  },

  releaseUsers: async (db: Db, poolId: string, usernameKeys: string[]): Promise<void> => {
    for (let i = 0; i < usernameKeys.length; i += BULK_KEYS) {
      await db.deleteFrom('aliases').where('pool_id', '=', poolId).where('username_key', 'in', usernameKeys.slice(i, i + BULK_KEYS)).execute();
    }
  },

  releaseAll: (db: Db, poolId: string, usernameKey: string) =>
    db.deleteFrom('aliases').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute(),
};
