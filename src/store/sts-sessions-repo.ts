/** SQL for STS sessions (temporary credentials). The secret is sealed and the session token kept only as a hash. */
import type { Kysely } from 'kysely';
import type { Database, StsSessionsTable } from './tables.js';

export const stsSessionsRepo = {
  get: (db: Kysely<Database>, accessKeyId: string) =>
    db.selectFrom('sts_sessions').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst(),
  insert: (db: Kysely<Database>, row: StsSessionsTable) => db.insertInto('sts_sessions').values(row).execute(),
  /** Removes sessions that expired before `before`; returns how many. */
  deleteExpired: async (db: Kysely<Database>, before: number) =>
    Number((await db.deleteFrom('sts_sessions').where('expires_at', '<', before).executeTakeFirst()).numDeletedRows),
};
