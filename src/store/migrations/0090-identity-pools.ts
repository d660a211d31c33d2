/**
 * Identity pools (issue 6): the pools, their identities and the provider logins linked to each identity (one
 * identity per provider subject, enforced by the primary key). Columns say `identity_pool_id`, never
 * `pool_id`, so DeleteUserPool's cascade over pool_id tables cannot touch them.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_pools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('role_mappings', 'text', (c) => c.notNull())
    .addColumn('tag_maps', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('identities')
    .addColumn('identity_id', 'text', (c) => c.primaryKey())
    .addColumn('identity_pool_id', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identities_pool').on('identities').columns(['identity_pool_id', 'identity_id']).execute();
  await db.schema
    .createTable('identity_logins')
    .addColumn('identity_pool_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('identity_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_logins_pk', ['identity_pool_id', 'provider', 'subject'])
    .execute();
  await db.schema.createIndex('identity_logins_identity').on('identity_logins').columns(['identity_id', 'provider', 'subject']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['identity_logins', 'identities', 'identity_pools']) await db.schema.dropTable(t).ifExists().execute();
}
