/**
 * SQL for user rows and their sign-in aliases. Every lookup is an index seek on (pool_id, …); listing pages by
 * keyset on the primary key (pool_id, username_key), never by OFFSET. Rules (who may own an alias, which
 * columns mirror which attributes) live in src/users/; this module must not decide them.
 */
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, UsersTable } from './tables.js';

type Db = Kysely<Database>;
/**
 * The least string above every string that starts with `prefix`, in code-point order (which is UTF-8 byte order,
 * SQLite's BINARY and PostgreSQL's "C"): the prefix with its last code point raised by one (dropping trailing
 * U+10FFFF, stepping over the surrogates). Undefined when no bound exists (empty prefix, or all U+10FFFF). With it
 * a prefix match is exactly one index range, and the planner can estimate it from the column's statistics.
 */
export function prefixEnd(prefix: string): string | undefined {
  const cps = [...prefix].map((c) => c.codePointAt(0)!);
  while (cps.length > 0) {
    const last = cps.pop()!;
    if (last < 0x10ffff) return String.fromCodePoint(...cps, last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
}
export type UserRow = Selectable<UsersTable>;
/** Rows per bulk statement: 21 columns × 1,000 stays under both dialects' parameter limits. */
const BULK_ROWS = 1000;
const BULK_KEYS = 5000;

/** The columns ListUsers can filter on, mapped from Cognito's filter attribute names. */
/** Searchable columns a user may lack; their list indexes are partial (migration 0126). */
const NULLABLE: ReadonlySet<string> = new Set(['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']);

export type SearchColumn = 'username' | 'email' | 'phone_number' | 'name' | 'given_name' | 'family_name' | 'preferred_username' | 'status' | 'sub' | 'enabled';

export interface ListQuery {
  poolId: string;
  /** The last row of the previous page: its username key and, when filtered, its value of the filter column. */
  after?: { key: string; value?: string | number | null };
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

  /**
   * One page of users. Unfiltered: in username_key order, after `after.key`. Filtered: in (filter column,
   * username_key) order, after (`after.value`, `after.key`), so the index (pool_id, column, username_key) of
   * migration 0125 yields the page as one range scan that stops at `limit` rows, however many users match
   * (`sub` is unique: its own order suffices). PostgreSQL compares and orders text columns in byte order
   * (COLLATE "C", the collation of those indexes), which is also what makes a prefix a contiguous range.
   */
  list: (db: Db, q: ListQuery, dialect: 'sqlite' | 'postgres') => {
    let query = db.selectFrom('users').selectAll().where('pool_id', '=', q.poolId);
    const f = q.filter;
    if (!f) {
      if (q.after !== undefined) query = query.where('username_key', '>', q.after.key);
      return query.orderBy('username_key').limit(q.limit).execute();
    }
    const col = dialect === 'postgres' && f.column !== 'enabled' ? sql`(${sql.ref(f.column)} collate "C")` : sql`${sql.ref(f.column)}`;
    const unique = f.column === 'sub';
    // Said outright so that the partial indexes of migration 0126 (where column is not null) visibly apply.
    if (NULLABLE.has(f.column)) query = query.where(sql.ref(f.column), 'is not', null);
    if (f.op === '=') query = query.where(sql<boolean>`${col} = ${f.value}`);
    else {
      const v = String(f.value);
      // A byte-order range, exact and index-friendly (LIKE would be case-insensitive in SQLite). On a later page
      // the keyset bound below is the tighter lower bound (the last value had the prefix).
      if (q.after === undefined) query = query.where(sql<boolean>`${col} >= ${v}`);
      const end = prefixEnd(v);
      if (end !== undefined) query = query.where(sql<boolean>`${col} < ${end}`);
    }
    if (q.after !== undefined) {
      const a = q.after;
      query = query.where(unique ? sql<boolean>`${col} > ${a.value}` : sql<boolean>`(${col}, ${sql.ref('username_key')}) > (${a.value}, ${a.key})`);
    }
    return query.orderBy(col).$if(!unique, (x) => x.orderBy('username_key')).limit(q.limit).execute();
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
