/**
 * MFA and remembered devices: a user's TOTP authenticator (sealed seed, a pending seed between
 * AssociateSoftwareToken and VerifySoftwareToken, the last accepted time step) and the devices a user signed in
 * from (sealed device SRP verifier, remembered status). Both are keyed by the user's `sub`, never the username,
 * so a user deleted and created again under the same name inherits neither.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mfa_totp')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('user_sub', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text')
    .addColumn('pending_enc', 'text')
    .addColumn('pending_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('friendly_name', 'text')
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mfa_totp_pk', ['pool_id', 'user_sub'])
    .execute();
  await db.schema
    .createTable('devices')
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('device_key', 'text', (c) => c.notNull())
    .addColumn('user_sub', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('verifier_enc', 'text')
    .addColumn('name', 'text')
    .addColumn('remembered', 'text')
    .addColumn('last_ip', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_auth_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('devices_pk', ['pool_id', 'device_key'])
    .execute();
  await db.schema.createIndex('devices_user').on('devices').columns(['pool_id', 'user_sub', 'device_key']).execute();
  await db.schema.createIndex('devices_created').on('devices').column('created_at').execute();
  // ForgetDevice revokes the refresh tokens bound to the device.
  await db.schema.createIndex('refresh_tokens_device').on('refresh_tokens').column('device_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('refresh_tokens_device').ifExists().execute();
  await db.schema.dropTable('devices').ifExists().execute();
  await db.schema.dropTable('mfa_totp').ifExists().execute();
}
