/**
 * SQL for the development outbox: every message Cognate sent (or would have sent), kept only in development
 * mode so people and tests can read codes. Never written in production mode (the caller decides).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxTable } from './tables.js';

type Db = Kysely<Database>;
export type OutboxRow = Selectable<OutboxTable>;

export const outboxRepo = {
  insert: (db: Db, row: OutboxRow) => db.insertInto('outbox').values(row).execute(),

  /** Newest first; `username` matches the canonical username or the destination address. */
  list: (db: Db, q: { poolId?: string; username?: string; limit: number }) => {
    let query = db.selectFrom('outbox').selectAll();
    if (q.poolId) query = query.where('pool_id', '=', q.poolId);
    if (q.username) {
      const u = q.username;
      query = query.where((eb) => eb.or([eb('username', '=', u), eb('destination', '=', u)]));
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  },
};
