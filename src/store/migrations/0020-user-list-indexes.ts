/** Indexes that let ListUsers filters on `status`/`cognito:user_status` page in key order by index seeks. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_enabled_key').on('users').columns(['pool_id', 'enabled', 'username_key']).execute();
  await db.schema.createIndex('users_status_key').on('users').columns(['pool_id', 'status', 'username_key']).execute();
  await db.schema.createIndex('users_email_key').on('users').columns(['pool_id', 'email', 'username_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['users_enabled_key', 'users_status_key', 'users_email_key']) await db.schema.dropIndex(i).execute();
}
