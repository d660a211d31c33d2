/**
 * SQL for failed-attempt counters (sign-in lockout per user, throttling per source address). Every change is a
 * single upsert so that concurrent nodes count every failure; the rules (thresholds, lock lengths) live in
 * src/auth/lockout.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { AttemptCountersTable, Database } from './tables.js';

const col = (c: string) => sql.ref(`attempt_counters.${c}`);

export const attemptsRepo = {
  get: (db: Kysely<Database>, key: string): Promise<AttemptCountersTable | undefined> =>
    db.selectFrom('attempt_counters').selectAll().where('key', '=', key).executeTakeFirst(),

  getMany: (db: Kysely<Database>, keys: readonly string[]): Promise<AttemptCountersTable[]> =>
    db.selectFrom('attempt_counters').selectAll().where('key', 'in', keys).execute(),

  /**
   * Adds one failure. A counter whose window began before `windowStartAfter` starts over at 1 (fixed windows
   * for rate limits; pass 0 to count without a window). Returns the counter after the change.
   */
  increment: async (db: Kysely<Database>, key: string, now: number, windowStartAfter = 0): Promise<AttemptCountersTable> => {
    await db
      .insertInto('attempt_counters')
      .values({ key, count: 1, window_start: now, locked_until: 0 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when ${col('window_start')} < ${windowStartAfter} then 1 else ${col('count')} + 1 end`,
          window_start: sql<number>`case when ${col('window_start')} < ${windowStartAfter} then ${now} else ${col('window_start')} end`,
        }),
      )
      .execute();
    return (await attemptsRepo.get(db, key))!;
  },

  /** Extends the lock, never shortens it (another node may have set a longer one). */
  lockUntil: (db: Kysely<Database>, key: string, until: number) =>
    db.updateTable('attempt_counters').set({ locked_until: until }).where('key', '=', key).where('locked_until', '<', until).execute(),

  reset: (db: Kysely<Database>, key: string) => db.deleteFrom('attempt_counters').where('key', '=', key).execute(),

  /** Deletes counters whose window began before `before` and that hold no lock any more. */
  deleteStale: (db: Kysely<Database>, before: number, now: number) =>
    db.deleteFrom('attempt_counters').where('window_start', '<', before).where('locked_until', '<', now).execute(),
};
