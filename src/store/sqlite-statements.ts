/**
 * A better-sqlite3 database as Kysely's SQLite dialect sees it, with compiled statements kept in a bounded
 * LRU keyed by SQL text. Kysely's driver calls `prepare` for every query, and compiling the same SQL again is a
 * large share of a fast request's CPU; a better-sqlite3 statement can be run any number of times with new
 * parameters. Statements are only ever used through Kysely's single-connection mutex, one at a time, so a
 * cached statement is never busy when handed out again. SQLite recompiles a cached statement by itself after a
 * schema change (migrations). This never changes what a query does, only how often its SQL is parsed.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

export const DEFAULT_STATEMENT_CACHE = 500;

export interface CachingDatabase {
  prepare(sql: string): Statement;
  close(): void;
  /** Compiled statements held now (for tests and metrics). */
  readonly cachedStatements: number;
}

export function withStatementCache(db: SqliteDatabase, max = DEFAULT_STATEMENT_CACHE): CachingDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      const hit = cache.get(sql);
      if (hit) {
        // Map keeps insertion order: re-inserting marks the statement as most recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      db.close();
    },
    get cachedStatements() {
      return cache.size;
    },
  };
}
