/**
 * ListUsers with a filter pages in (filter attribute, username key) order, so each searchable attribute gets an
 * index on (pool_id, attribute, username_key): a page of 60 under a broad `^=` prefix is then an index range scan
 * that stops after 61 rows instead of sorting every match. PostgreSQL's are on the byte-order (COLLATE "C")
 * expression the store compares and orders by; SQLite's default collation is already binary. The indexes they
 * replace are prefixes of the new ones (same collation), so dropping them loses no plan and saves space per user.
 * `sub` is unique and keeps its own index; `enabled` already has (pool_id, enabled, username_key) from 0020.
 */
import { sql, type Kysely } from 'kysely';

const TEXT = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'status'];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

/** Indexes (pool_id, column) or (pool_id, column, username_key) in the database's collation, from 0001/0020/0021. */
const superseded = (pg: boolean) => [
  ...TEXT.map((c) => `users_${c}`),
  'users_email_key',
  'users_status_key',
  ...(pg ? TEXT.filter((c) => c !== 'status').map((c) => `users_${c}_prefix`) : []),
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const c of TEXT) {
    const col = pg ? sql`(${sql.ref(c)} collate "C")` : sql.ref(c);
    await sql`create index ${sql.id(`users_${c}_order`)} on users (pool_id, ${col}, username_key)`.execute(db);
  }
  for (const i of superseded(pg)) await sql`drop index if exists ${sql.id(i)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const c of TEXT) await sql`drop index if exists ${sql.id(`users_${c}_order`)}`.execute(db);
  for (const c of TEXT) await db.schema.createIndex(`users_${c}`).on('users').columns(['pool_id', c]).execute();
  await db.schema.createIndex('users_email_key').on('users').columns(['pool_id', 'email', 'username_key']).execute();
  await db.schema.createIndex('users_status_key').on('users').columns(['pool_id', 'status', 'username_key']).execute();
  if (pg) for (const c of TEXT.filter((x) => x !== 'status')) await sql`create index ${sql.id(`users_${c}_prefix`)} on users (pool_id, (${sql.ref(c)} collate "C"))`.execute(db);
}
