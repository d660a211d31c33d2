/**
 * SQL for users' TOTP authenticators. The seeds arrive sealed; the step update is conditional so one time step
 * (one code) is accepted at most once even when two requests race. Rules live in src/mfa/totp.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, MfaTotpTable } from './tables.js';

type Db = Kysely<Database>;
export type TotpRow = Selectable<MfaTotpTable>;

export const mfaRepo = {
  get: (db: Db, poolId: string, sub: string) =>
    db.selectFrom('mfa_totp').selectAll().where('pool_id', '=', poolId).where('user_sub', '=', sub).executeTakeFirst(),

  /** Stores a new pending seed (AssociateSoftwareToken), keeping any verified one until the new one is verified. */
  putPending: (db: Db, poolId: string, sub: string, pendingEnc: string, now: number) =>
    db
      .insertInto('mfa_totp')
      .values({ pool_id: poolId, user_sub: sub, secret_enc: null, pending_enc: pendingEnc, pending_attempts: 0, friendly_name: null, last_step: 0, created_at: now, updated_at: now })
      .onConflict((c) => c.columns(['pool_id', 'user_sub']).doUpdateSet({ pending_enc: pendingEnc, pending_attempts: 0, updated_at: now }))
      .execute(),

  /** Spends one try on the pending seed while tries remain; false at the cap or when no seed is pending. */
  reservePendingAttempt: async (db: Db, poolId: string, sub: string, max: number): Promise<boolean> => {
    const r = await db
      .updateTable('mfa_totp')
      .set((eb) => ({ pending_attempts: eb('pending_attempts', '+', 1) }))
      .where('pool_id', '=', poolId)
      .where('user_sub', '=', sub)
      .where('pending_enc', 'is not', null)
      .where('pending_attempts', '<', max)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Promotes the pending seed (still the one given) to the verified one, recording the step its code used. */
  promote: async (db: Db, poolId: string, sub: string, pendingEnc: string, secretEnc: string, friendlyName: string | null, step: number, now: number) => {
    const r = await db
      .updateTable('mfa_totp')
      .set({ secret_enc: secretEnc, pending_enc: null, pending_attempts: 0, friendly_name: friendlyName, last_step: step, updated_at: now })
      .where('pool_id', '=', poolId)
      .where('user_sub', '=', sub)
      .where('pending_enc', '=', pendingEnc)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Accepts time step `step` once: true only for the first caller and only if no later step was used. */
  useStep: async (db: Db, poolId: string, sub: string, step: number): Promise<boolean> => {
    const r = await db
      .updateTable('mfa_totp')
      .set({ last_step: step })
      .where('pool_id', '=', poolId)
      .where('user_sub', '=', sub)
      .where('last_step', '<', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  delete: (db: Db, poolId: string, sub: string) => db.deleteFrom('mfa_totp').where('pool_id', '=', poolId).where('user_sub', '=', sub).execute(),
};
