/**
 * Hosted UI (issue 5): the sign-in domains of pools (a domain belongs to one pool, so the primary key makes it
 * unique across pools), the classic UI customization per pool (`ALL`) or app client, and the single-sign-on
 * sessions behind the hosted-UI cookie (stored as a hash of the cookie secret, never the secret). Every table
 * carries pool_id, so DeleteUserPool cascades to it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_pool_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('certificate_arn', 'text')
    .addColumn('managed_login_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_pool_domains_pool').on('user_pool_domains').column('pool_id').execute();
  await db.schema
    .createTable('ui_customizations')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('css', 'text')
    .addColumn('image', 'text')
    .addColumn('image_type', 'text')
    .addColumn('css_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ui_customizations_pk', ['pool_id', 'client_id'])
    .execute();
  await db.schema
    .createTable('hosted_ui_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull())
    .addColumn('auth_time', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hosted_ui_sessions_expiry').on('hosted_ui_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['hosted_ui_sessions', 'ui_customizations', 'user_pool_domains']) await db.schema.dropTable(t).ifExists().execute();
}
