/**
 * SQL for per-pool token signing keys. Private keys arrive here already sealed; this module never sees a
 * plain key. Status moves next → current → previous → retired, one statement at a time so the partial unique
 * indexes (one current, one next per pool and purpose) hold after every statement on both dialects.
 */
import type { Kysely } from 'kysely';
import type { Database, SigningKeysTable } from './tables.js';

type Db = Kysely<Database>;

export const signingKeysRepo = {
  /** Keys that may verify tokens (current, next, previous) of a pool. */
  listLive: (db: Db, poolId: string) =>
    db
      .selectFrom('signing_keys')
      .select(['kid', 'purpose', 'status', 'public_jwk', 'created_at'])
      .where('pool_id', '=', poolId)
      .where('status', 'in', ['current', 'next', 'previous'])
      .execute(),

  /** The sealed private key of one key. */
  getPrivate: async (db: Db, kid: string) =>
    (await db.selectFrom('signing_keys').select(['private_enc', 'pool_id']).where('kid', '=', kid).executeTakeFirst()),

  /** Inserts unless a key with the same pool, purpose and (current|next) status exists; true when inserted. */
  insertIfAbsent: async (db: Db, row: SigningKeysTable) => {
    const r = await db.insertInto('signing_keys').values(row).onConflict((c) => c.doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  /** Moves every key of (pool, purpose) with status `from` to `to`. */
  setStatus: (db: Db, poolId: string, purpose: string, from: string, to: string) =>
    db.updateTable('signing_keys').set({ status: to }).where('pool_id', '=', poolId).where('purpose', '=', purpose).where('status', '=', from).execute(),
};
