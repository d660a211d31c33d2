/** SQL for operator access keys (SigV4 credentials for control-plane and Admin* calls). */
import type { Kysely } from 'kysely';
import type { AccessKeysTable, Database } from './tables.js';

export const accessKeysRepo = {
  get: (db: Kysely<Database>, id: string) =>
    db.selectFrom('access_keys').selectAll().where('access_key_id', '=', id).executeTakeFirst(),
  list: (db: Kysely<Database>) => db.selectFrom('access_keys').selectAll().orderBy('created_at').orderBy('access_key_id').execute(),
  insert: (db: Kysely<Database>, row: AccessKeysTable) => db.insertInto('access_keys').values(row).onConflict((c) => c.column('access_key_id').doNothing()).execute(),
  delete: async (db: Kysely<Database>, id: string) =>
    Number((await db.deleteFrom('access_keys').where('access_key_id', '=', id).executeTakeFirst()).numDeletedRows) > 0,
};

export const metaRepo = {
  get: async (db: Kysely<Database>, key: string) =>
    (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value,
  /** Sets the value only if the key is absent; returns the value now stored. */
  setOnce: async (db: Kysely<Database>, key: string, value: string) => {
    await db.insertInto('meta').values({ key, value }).onConflict((c) => c.column('key').doNothing()).execute();
    return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
  },
};
