/** Lets the declarative setup find a pool by its name (the identity key in cognate.yaml) without a scan. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('user_pools_name').on('user_pools').columns(['name', 'id']).execute();
  await db.schema.createIndex('pool_clients_name').on('pool_clients').columns(['pool_id', 'name']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['user_pools_name', 'pool_clients_name']) await db.schema.dropIndex(i).execute();
}
