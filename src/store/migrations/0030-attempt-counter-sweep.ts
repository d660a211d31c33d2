/** An index that lets the sign-in throttle sweep stale failure counters without scanning the table. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attempt_counters_window').on('attempt_counters').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attempt_counters_window').execute();
}
