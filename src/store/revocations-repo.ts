/**
 * SQL for token revocation: revoked authentications (`origin_jti`) and the per-user "tokens valid after" mark
 * that GlobalSignOut moves. Nothing here deletes a user or a token record.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

type Db = Kysely<Database>;

export const revocationsRepo = {
  addOrigin: (db: Db, originJti: string, poolId: string, expiresAt: number) =>
    db
      .insertInto('revoked_origins')
      .values({ origin_jti: originJti, pool_id: poolId, expires_at: expiresAt })
      .onConflict((c) => c.column('origin_jti').doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') })))
      .execute(),

  isOriginRevoked: async (db: Db, originJti: string) =>
    (await db.selectFrom('revoked_origins').select('origin_jti').where('origin_jti', '=', originJti).executeTakeFirst()) !== undefined,

  /** Sets users.tokens_valid_after (epoch ms); true when the user exists. */
  setTokensValidAfter: async (db: Db, poolId: string, usernameKey: string, at: number) =>
    Number(
      (await db.updateTable('users').set({ tokens_valid_after: at }).where('pool_id', '=', poolId).where('username_key', '=', usernameKey).executeTakeFirst())
        .numUpdatedRows,
    ) > 0,

  deleteExpired: async (db: Db, before: number, limit = 1000) => {
    const victims = db.selectFrom('revoked_origins').select('origin_jti').where('expires_at', '<', before).limit(limit);
    return Number((await db.deleteFrom('revoked_origins').where('origin_jti', 'in', victims).executeTakeFirst()).numDeletedRows);
  },
};
