/**
 * SQL for refresh-token records. Only the SHA-256 of a token is ever stored or searched for; the token itself
 * never reaches this module.
 */
import type { Kysely } from 'kysely';
import type { Database, RefreshTokensTable } from './tables.js';

type Db = Kysely<Database>;

export const refreshTokensRepo = {
  insert: (db: Db, row: RefreshTokensTable) => db.insertInto('refresh_tokens').values(row).execute(),

  get: (db: Db, tokenHash: string) => db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

  /** Marks a rotated token as replaced (the first replacement time counts for the grace period). */
  markReplaced: (db: Db, tokenHash: string, at: number) =>
    db.updateTable('refresh_tokens').set({ replaced_at: at }).where('token_hash', '=', tokenHash).where('replaced_at', 'is', null).execute(),

  /** Revokes every token of one authentication (a rotation family); returns how many were live. */
  revokeOrigin: async (db: Db, originJti: string, at: number) =>
    Number(
      (await db.updateTable('refresh_tokens').set({ revoked_at: at }).where('origin_jti', '=', originJti).where('revoked_at', 'is', null).executeTakeFirst())
        .numUpdatedRows,
    ),

  /** Revokes every token of a user in a pool. */
  revokeUser: (db: Db, poolId: string, usernameKey: string, at: number) =>
    db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('pool_id', '=', poolId)
      .where('username_key', '=', usernameKey)
      .where('revoked_at', 'is', null)
      .execute(),

  deleteExpired: async (db: Db, before: number, limit = 1000) => {
    const victims = db.selectFrom('refresh_tokens').select('token_hash').where('expires_at', '<', before).limit(limit);
    return Number((await db.deleteFrom('refresh_tokens').where('token_hash', 'in', victims).executeTakeFirst()).numDeletedRows);
  },
};
