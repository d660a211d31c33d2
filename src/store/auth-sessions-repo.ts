/**
 * SQL for pending sign-in sessions (the `Session` / `SECRET_BLOCK` of InitiateAuth and RespondToAuthChallenge).
 * Rows are keyed by a hash of the client-held secret, so a copy of the table grants no session; `consume` is an
 * atomic delete, which is what makes a session single-use across nodes. State is sealed by the caller.
 */
import type { Kysely } from 'kysely';
import type { AuthSessionsTable, Database } from './tables.js';

export const authSessionsRepo = {
  insert: (db: Kysely<Database>, row: AuthSessionsTable) => db.insertInto('auth_sessions').values(row).execute(),

  get: (db: Kysely<Database>, id: string) => db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Deletes the row if it is still live; true when this caller got it (and nobody else can). */
  consume: async (db: Kysely<Database>, id: string, now: number) =>
    Number((await db.deleteFrom('auth_sessions').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst()).numDeletedRows) === 1,

  /** Replaces the state of a live row (e.g. a failure counter), keeping its expiry. */
  updateState: (db: Kysely<Database>, id: string, state: string) =>
    db.updateTable('auth_sessions').set({ state }).where('id', '=', id).execute(),

  deleteExpired: (db: Kysely<Database>, before: number) => db.deleteFrom('auth_sessions').where('expires_at', '<', before).execute(),
};
