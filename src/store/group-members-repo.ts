/**
 * SQL for group membership. Both directions page by keyset on the primary key or its mirror index
 * (group_members_pk, group_members_user); group rows are read here only to join their descriptions.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

type Db = Kysely<Database>;

export const groupMembersRepo = {
  groupExists: async (db: Db, poolId: string, groupName: string) =>
    (await db.selectFrom('groups').select('name').where('pool_id', '=', poolId).where('name', '=', groupName).executeTakeFirst()) !== undefined,

  add: (db: Db, poolId: string, groupName: string, usernameKey: string, now: number) =>
    db
      .insertInto('group_members')
      .values({ pool_id: poolId, group_name: groupName, username_key: usernameKey, created_at: now })
      .onConflict((c) => c.columns(['pool_id', 'group_name', 'username_key']).doNothing())
      .execute(),

  remove: (db: Db, poolId: string, groupName: string, usernameKey: string) =>
    db.deleteFrom('group_members').where('pool_id', '=', poolId).where('group_name', '=', groupName).where('username_key', '=', usernameKey).execute(),

  removeUser: (db: Db, poolId: string, usernameKey: string) =>
    db.deleteFrom('group_members').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute(),

  countForUser: async (db: Db, poolId: string, usernameKey: string) =>
    Number(
      (await db.selectFrom('group_members').select((eb) => eb.fn.countAll().as('n')).where('pool_id', '=', poolId).where('username_key', '=', usernameKey).executeTakeFirst())?.n ?? 0,
    ),

  isMember: async (db: Db, poolId: string, groupName: string, usernameKey: string) =>
    (await db
      .selectFrom('group_members')
      .select('group_name')
      .where('pool_id', '=', poolId)
      .where('group_name', '=', groupName)
      .where('username_key', '=', usernameKey)
      .executeTakeFirst()) !== undefined,

  /** The user's groups with their rows, by group name, after `after`. */
  groupsOfUser: (db: Db, poolId: string, usernameKey: string, opts: { after?: string; limit?: number } = {}) => {
    let q = db
      .selectFrom('group_members as m')
      .innerJoin('groups as g', (j) => j.onRef('g.pool_id', '=', 'm.pool_id').onRef('g.name', '=', 'm.group_name'))
      .select(['g.name', 'g.description', 'g.role_arn', 'g.precedence', 'g.created_at', 'g.updated_at'])
      .where('m.pool_id', '=', poolId)
      .where('m.username_key', '=', usernameKey);
    if (opts.after !== undefined) q = q.where('m.group_name', '>', opts.after);
    q = q.orderBy('m.group_name');
    return opts.limit ? q.limit(opts.limit).execute() : q.execute();
  },

  /** Username keys of a group's members, after `after`. */
  membersOfGroup: (db: Db, poolId: string, groupName: string, opts: { after?: string; limit: number }) => {
    let q = db.selectFrom('group_members').select('username_key').where('pool_id', '=', poolId).where('group_name', '=', groupName);
    if (opts.after !== undefined) q = q.where('username_key', '>', opts.after);
    return q.orderBy('username_key').limit(opts.limit).execute();
  },
};
