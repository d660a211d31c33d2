/**
 * Federation (issue 5 part 6): a pool's external identity providers with their IdP identifiers (unique per
 * pool), the single-use state of federated sign-ins in flight, and AdminLinkProviderForUser links from an
 * external identity to a native user. Every table carries pool_id, so DeleteUserPool cascades to it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identity_providers')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text')
    .addColumn('attribute_mapping', 'text', (c) => c.notNull())
    .addColumn('idp_identifiers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_providers_pk', ['pool_id', 'name'])
    .execute();
  await db.schema
    .createTable('idp_identifiers')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idp_identifiers_pk', ['pool_id', 'identifier'])
    .execute();
  await db.schema
    .createTable('federation_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('verifier_enc', 'text', (c) => c.notNull())
    .addColumn('idp_url', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('federation_states_expiry').on('federation_states').column('expires_at').execute();
  await db.schema
    .createTable('provider_links')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('provider_links_pk', ['pool_id', 'provider_name', 'subject'])
    .execute();
  await db.schema.createIndex('provider_links_user').on('provider_links').columns(['pool_id', 'username_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['provider_links', 'federation_states', 'idp_identifiers', 'identity_providers']) await db.schema.dropTable(t).ifExists().execute();
}
