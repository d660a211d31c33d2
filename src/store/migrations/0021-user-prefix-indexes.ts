/**
 * PostgreSQL only: byte-order (COLLATE "C") indexes for ListUsers prefix filters (`attr ^= "…"`), whose range
 * conditions would otherwise not match the database's default collation and fall back to a scan. SQLite's
 * default collation is already binary, so its plain indexes serve.
 */
import { sql, type Kysely } from 'kysely';

const COLUMNS = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'sub'];

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const c of COLUMNS) {
    await sql`create index ${sql.id(`users_${c}_prefix`)} on users (pool_id, (${sql.ref(c)} collate "C"))`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const c of COLUMNS) await sql`drop index if exists ${sql.id(`users_${c}_prefix`)}`.execute(db);
}
