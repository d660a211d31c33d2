/**
 * SQL for per-user rate limits of the users area (resends, confirmations, password changes), on the shared
 * attempt_counters table with keys prefixed `users:` so they never collide with sign-in lockout counters.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

type Db = Kysely<Database>;

export const userLimitsRepo = {
  /** Counts one hit in a fixed window; returns the count in the current window (including this hit). */
  hit: async (db: Db, key: string, now: number, windowMs: number): Promise<number> => {
    const k = `users:${key}`;
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('attempt_counters').selectAll().where('key', '=', k).executeTakeFirst();
      if (!row || Number(row.window_start) + windowMs <= now) {
        await trx
          .insertInto('attempt_counters')
          .values({ key: k, count: 1, window_start: now, locked_until: 0 })
          .onConflict((c) => c.column('key').doUpdateSet({ count: 1, window_start: now }))
          .execute();
        return 1;
      }
      await trx.updateTable('attempt_counters').set((eb) => ({ count: eb('count', '+', 1) })).where('key', '=', k).execute();
      return Number(row.count) + 1;
    });
  },

  clear: (db: Db, key: string) => db.deleteFrom('attempt_counters').where('key', '=', `users:${key}`).execute(),
};
