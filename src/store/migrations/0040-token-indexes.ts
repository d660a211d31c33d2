/**
 * Token store indexes: at most one `current` and one `next` signing key per pool and purpose (so lazy creation
 * on several nodes at once cannot leave two current keys), and expiry indexes for the cleanup of old rows.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const status of ['current', 'next']) {
    await db.schema
      .createIndex(`signing_keys_one_${status}`)
      .unique()
      .on('signing_keys')
      .columns(['pool_id', 'purpose'])
      .where(sql<boolean>`status = ${sql.lit(status)}`)
      .execute();
  }
  await db.schema.createIndex('refresh_tokens_expiry').on('refresh_tokens').column('expires_at').execute();
  await db.schema.createIndex('revoked_origins_expiry').on('revoked_origins').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['signing_keys_one_current', 'signing_keys_one_next', 'refresh_tokens_expiry', 'revoked_origins_expiry']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
