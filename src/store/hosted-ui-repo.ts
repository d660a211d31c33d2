/**
 * SQL for the hosted UI: sign-in domains (primary key = the domain, so one domain can never serve two pools),
 * UI customizations keyed by (pool, client or 'ALL'), and single-sign-on sessions keyed by the SHA-256 of the
 * cookie secret. Rules (who may own which domain, what CSS is safe, how long a session lives) live in
 * src/hosted-ui/; this module must not decide them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, HostedUiSessionsTable, UiCustomizationsTable, UserPoolDomainsTable } from './tables.js';

type Db = Kysely<Database>;
export type DomainRow = Selectable<UserPoolDomainsTable>;
export type UiCustomizationRow = Selectable<UiCustomizationsTable>;
export type HostedUiSessionRow = Selectable<HostedUiSessionsTable>;

export const domainsRepo = {
  get: (db: Db, domain: string) => db.selectFrom('user_pool_domains').selectAll().where('domain', '=', domain).executeTakeFirst(),

  ofPool: (db: Db, poolId: string) => db.selectFrom('user_pool_domains').selectAll().where('pool_id', '=', poolId).orderBy('domain').execute(),

  /** Inserts the domain; false when it exists already (for any pool). */
  insert: async (db: Db, row: DomainRow) =>
    Number((await db.insertInto('user_pool_domains').values(row).onConflict((c) => c.column('domain').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n) > 0,

  update: async (db: Db, domain: string, poolId: string, fields: Partial<Pick<DomainRow, 'certificate_arn' | 'managed_login_version' | 'updated_at'>>) =>
    Number((await db.updateTable('user_pool_domains').set(fields).where('domain', '=', domain).where('pool_id', '=', poolId).executeTakeFirst()).numUpdatedRows) > 0,

  delete: async (db: Db, domain: string, poolId: string) =>
    Number((await db.deleteFrom('user_pool_domains').where('domain', '=', domain).where('pool_id', '=', poolId).executeTakeFirst()).numDeletedRows) > 0,
};

export const uiCustomizationsRepo = {
  get: (db: Db, poolId: string, clientId: string) =>
    db.selectFrom('ui_customizations').selectAll().where('pool_id', '=', poolId).where('client_id', '=', clientId).executeTakeFirst(),

  /** Replaces the customization of (pool, client) in one statement. */
  put: (db: Db, row: UiCustomizationRow) =>
    db
      .insertInto('ui_customizations')
      .values(row)
      .onConflict((c) =>
        c.columns(['pool_id', 'client_id']).doUpdateSet({ css: row.css, image: row.image, image_type: row.image_type, css_version: row.css_version, updated_at: row.updated_at }),
      )
      .execute(),

  deleteClient: (db: Db, poolId: string, clientId: string) => db.deleteFrom('ui_customizations').where('pool_id', '=', poolId).where('client_id', '=', clientId).execute(),
};

export const hostedUiSessionsRepo = {
  insert: (db: Db, row: HostedUiSessionRow) => db.insertInto('hosted_ui_sessions').values(row).execute(),

  get: (db: Db, id: string) => db.selectFrom('hosted_ui_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

  delete: (db: Db, id: string) => db.deleteFrom('hosted_ui_sessions').where('id', '=', id).execute(),

  deleteExpired: async (db: Db, now: number) =>
    Number((await db.deleteFrom('hosted_ui_sessions').where('expires_at', '<', now).executeTakeFirst()).numDeletedRows),
};
