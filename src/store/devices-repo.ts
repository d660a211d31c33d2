/**
 * SQL for the devices users sign in from. Listing pages by keyset on (pool_id, user_sub, device_key). Only
 * confirmed devices (with a verifier) are visible to the device APIs; unconfirmed rows (NewDeviceMetadata that
 * no client confirmed) are swept by age. Revoking a device's refresh tokens is here too because it is a query
 * by device key. Rules live in src/devices/.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DevicesTable } from './tables.js';

type Db = Kysely<Database>;
export type DeviceRow = Selectable<DevicesTable>;

export const devicesRepo = {
  insert: (db: Db, row: DeviceRow) => db.insertInto('devices').values(row).execute(),

  get: (db: Db, poolId: string, deviceKey: string) =>
    db.selectFrom('devices').selectAll().where('pool_id', '=', poolId).where('device_key', '=', deviceKey).executeTakeFirst(),

  update: async (db: Db, poolId: string, deviceKey: string, patch: Updateable<DevicesTable>): Promise<boolean> => {
    const r = await db.updateTable('devices').set(patch).where('pool_id', '=', poolId).where('device_key', '=', deviceKey).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** Confirms a device once: sets the verifier only while none is set. */
  confirm: async (db: Db, poolId: string, deviceKey: string, sub: string, patch: Updateable<DevicesTable>): Promise<boolean> => {
    const r = await db
      .updateTable('devices')
      .set(patch)
      .where('pool_id', '=', poolId)
      .where('device_key', '=', deviceKey)
      .where('user_sub', '=', sub)
      .where('verifier_enc', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  delete: async (db: Db, poolId: string, deviceKey: string): Promise<boolean> =>
    Number((await db.deleteFrom('devices').where('pool_id', '=', poolId).where('device_key', '=', deviceKey).executeTakeFirst()).numDeletedRows) > 0,

  /** One page of a user's confirmed devices after `after` (device key order). */
  listConfirmed: (db: Db, poolId: string, sub: string, limit: number, after?: string) => {
    let q = db.selectFrom('devices').selectAll().where('pool_id', '=', poolId).where('user_sub', '=', sub).where('verifier_enc', 'is not', null);
    if (after !== undefined) q = q.where('device_key', '>', after);
    return q.orderBy('device_key').limit(limit).execute();
  },

  /** Drops devices nobody confirmed, created before `before`. */
  deleteUnconfirmed: (db: Db, before: number) =>
    db.deleteFrom('devices').where('verifier_enc', 'is', null).where('created_at', '<', before).execute(),

  /** Revokes the live refresh tokens bound to a device. */
  revokeRefreshTokens: (db: Db, poolId: string, deviceKey: string, at: number) =>
    db.updateTable('refresh_tokens').set({ revoked_at: at }).where('pool_id', '=', poolId).where('device_key', '=', deviceKey).where('revoked_at', 'is', null).execute(),
};
