/**
 * SQL for one-time codes (sign-up, password reset, attribute verification). One live code per user and
 * purpose; codes are stored hashed only. Consuming is a conditional delete so a code can be used once even
 * under concurrent requests. The rules (expiry, attempt cap, hashing) live in src/messages/codes.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CodesTable, Database } from './tables.js';

type Db = Kysely<Database>;
export type CodeRow = Selectable<CodesTable>;

export const codesRepo = {
  /** Stores a new code, replacing the previous one of that purpose (and its attempt count). */
  put: (db: Db, row: CodeRow) =>
    db
      .insertInto('codes')
      .values(row)
      .onConflict((c) =>
        c.columns(['pool_id', 'username_key', 'purpose']).doUpdateSet({
          code_hash: row.code_hash,
          attempts: row.attempts,
          expires_at: row.expires_at,
          created_at: row.created_at,
          meta: row.meta,
        }),
      )
      .execute(),

  get: (db: Db, poolId: string, usernameKey: string, purpose: string) =>
    db.selectFrom('codes').selectAll().where('pool_id', '=', poolId).where('username_key', '=', usernameKey).where('purpose', '=', purpose).executeTakeFirst(),

  /**
   * Spends one attempt on the code with this hash, atomically and only while attempts remain; false when the
   * cap is reached (or the code was replaced). Reserving before comparing is what stops parallel guessing.
   */
  reserveAttempt: async (db: Db, poolId: string, usernameKey: string, purpose: string, codeHash: string, maxAttempts: number): Promise<boolean> => {
    const r = await db
      .updateTable('codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('pool_id', '=', poolId)
      .where('username_key', '=', usernameKey)
      .where('purpose', '=', purpose)
      .where('code_hash', '=', codeHash)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Deletes the code if it is still the one with this hash; true when this call consumed it. */
  consume: async (db: Db, poolId: string, usernameKey: string, purpose: string, codeHash: string): Promise<boolean> => {
    const r = await db
      .deleteFrom('codes')
      .where('pool_id', '=', poolId)
      .where('username_key', '=', usernameKey)
      .where('purpose', '=', purpose)
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  delete: (db: Db, poolId: string, usernameKey: string, purpose: string) =>
    db.deleteFrom('codes').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).where('purpose', '=', purpose).execute(),

  deleteAllOfUser: (db: Db, poolId: string, usernameKey: string) =>
    db.deleteFrom('codes').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute(),
};
