/**
 * SQL for OAuth authorization codes. Only the SHA-256 of a code is stored or searched for. Redeeming is a
 * conditional update (consumed_at from null to now), so a code is spent once even when two nodes race.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, OAuthCodesTable } from './tables.js';

type Db = Kysely<Database>;
export type OAuthCodeRow = Selectable<OAuthCodesTable>;

export const oauthCodesRepo = {
  insert: (db: Db, row: OAuthCodeRow) => db.insertInto('oauth_codes').values(row).execute(),

  get: (db: Db, codeHash: string) => db.selectFrom('oauth_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst(),

  /** Marks the code spent by the authentication `originJti`; true when this call spent it. */
  consume: async (db: Db, codeHash: string, originJti: string, at: number): Promise<boolean> => {
    const r = await db
      .updateTable('oauth_codes')
      .set({ consumed_at: at, origin_jti: originJti })
      .where('code_hash', '=', codeHash)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  deleteExpired: async (db: Db, before: number, limit = 1000) => {
    const victims = db.selectFrom('oauth_codes').select('code_hash').where('expires_at', '<', before).limit(limit);
    return Number((await db.deleteFrom('oauth_codes').where('code_hash', 'in', victims).executeTakeFirst()).numDeletedRows);
  },
};
