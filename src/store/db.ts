/**
 * Opens the database (SQLite file in the data dir, or PostgreSQL from a URL) behind one Kysely instance and
 * brings its schema up to date. SQLite runs in WAL mode with synchronous=FULL so that a success we return is
 * on disk; PostgreSQL commits are durable by default. SQLite statements are compiled once per SQL text and
 * kept in a bounded cache (sqlite-statements.ts).
 */
import { mkdirSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, SqliteDialect, PostgresDialect, Migrator, FileMigrationProvider, sql } from 'kysely';
import type { Database } from './tables.js';
import { withStatementCache } from './sqlite-statements.js';

export type Dialect = 'sqlite' | 'postgres';
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A description for logs, without credentials. */
  where: string;
  close(): Promise<void>;
}

// bigint columns hold epoch milliseconds, which fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests give each run its own. */
  schema?: string;
  poolSize?: number;
}

export function openStore(opts: OpenOptions): Store {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const options = opts.schema ? `-c search_path=${opts.schema}` : undefined;
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, options });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(url);
    return { db, dialect: 'postgres', where: `postgres://${u.host}${u.pathname}${opts.schema ? ` (schema ${opts.schema})` : ''}`, close: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(opts.dataDir, 'cognate.sqlite');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Kysely prepares every query again; the wrapper hands out cached compiled statements instead.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: 'sqlite', where: path.resolve(file), close: () => db.destroy() };
}

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies every pending migration; returns the names applied. */
export async function migrate(store: Store, schema?: string): Promise<string[]> {
  if (store.dialect === 'postgres' && schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(store.db);
  const migrator = new Migrator({
    db: store.db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
    allowUnorderedMigrations: true,
    // Without an explicit schema Kysely sees another schema's migration tables (concurrent test servers on one
    // database) as its own, skips creating them and then fails with "kysely_migration_lock does not exist".
    ...(store.dialect === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  });
  // Kysely's PostgreSQL introspection (used before the migration lock is taken) reads the catalog of every
  // schema; another schema dropped at that moment (a test server of a parallel run stopping) makes it fail with
  // 'schema "…" does not exist'. Nothing has been changed at that point, so trying again is safe.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    const racing = store.dialect === 'postgres' && /^schema ".*" does not exist$/.test((error as Error)?.message ?? '');
    if (!racing || attempt >= 5) throw error instanceof Error ? error : new Error(String(error));
    await new Promise((r) => setTimeout(r, 50 * attempt));
  }
}

export const now = () => Date.now();
