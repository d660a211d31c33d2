/**
 * SQL for IAM entities: roles, inline policies (of roles and users), managed policies and their attachments,
 * users, user access keys and OIDC providers. Lists page by keyset on the lower-cased name. No rules here.
 */
import type { Kysely } from 'kysely';
import type {
  Database,
  IamAccessKeysTable,
  IamOidcProvidersTable,
  IamPoliciesTable,
  IamRolesTable,
  IamUsersTable,
} from './tables.js';

type Db = Kysely<Database>;
export type OwnerKind = 'role' | 'user';
const changed = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n) > 0;

export const rolesRepo = {
  get: (db: Db, nameKey: string) => db.selectFrom('iam_roles').selectAll().where('name_key', '=', nameKey).executeTakeFirst(),
  /** Inserts unless the name is taken; true when inserted. */
  insert: async (db: Db, row: IamRolesTable) =>
    Number((await db.insertInto('iam_roles').values(row).onConflict((c) => c.column('name_key').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n) > 0,
  update: async (db: Db, nameKey: string, patch: Partial<IamRolesTable>) =>
    changed(await db.updateTable('iam_roles').set(patch).where('name_key', '=', nameKey).executeTakeFirst()),
  delete: async (db: Db, nameKey: string) => changed(await db.deleteFrom('iam_roles').where('name_key', '=', nameKey).executeTakeFirst()),
  page: (db: Db, after: string | undefined, limit: number, pathPrefix = '/') => {
    let q = db.selectFrom('iam_roles').selectAll().where('path', 'like', `${pathPrefix.replace(/[%_\\]/g, '\\$&')}%`);
    if (after !== undefined) q = q.where('name_key', '>', after);
    return q.orderBy('name_key').limit(limit).execute();
  },
};

export const inlinePoliciesRepo = {
  get: (db: Db, kind: OwnerKind, owner: string, name: string) =>
    db.selectFrom('iam_inline_policies').selectAll().where('owner_kind', '=', kind).where('owner_key', '=', owner).where('policy_name', '=', name).executeTakeFirst(),
  put: (db: Db, kind: OwnerKind, owner: string, name: string, document: string, now: number) =>
    db
      .insertInto('iam_inline_policies')
      .values({ owner_kind: kind, owner_key: owner, policy_name: name, document, updated_at: now })
      .onConflict((c) => c.columns(['owner_kind', 'owner_key', 'policy_name']).doUpdateSet({ document, updated_at: now }))
      .execute(),
  delete: async (db: Db, kind: OwnerKind, owner: string, name: string) =>
    changed(await db.deleteFrom('iam_inline_policies').where('owner_kind', '=', kind).where('owner_key', '=', owner).where('policy_name', '=', name).executeTakeFirst()),
  list: (db: Db, kind: OwnerKind, owner: string) =>
    db.selectFrom('iam_inline_policies').selectAll().where('owner_kind', '=', kind).where('owner_key', '=', owner).orderBy('policy_name').execute(),
  count: async (db: Db, kind: OwnerKind, owner: string) =>
    Number((await db.selectFrom('iam_inline_policies').select((e) => e.fn.countAll<number>().as('n')).where('owner_kind', '=', kind).where('owner_key', '=', owner).executeTakeFirstOrThrow()).n),
};

export const managedPoliciesRepo = {
  get: (db: Db, arn: string) => db.selectFrom('iam_policies').selectAll().where('arn', '=', arn).executeTakeFirst(),
  insert: async (db: Db, row: IamPoliciesTable) =>
    Number((await db.insertInto('iam_policies').values(row).onConflict((c) => c.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n) > 0,
  delete: async (db: Db, arn: string) => changed(await db.deleteFrom('iam_policies').where('arn', '=', arn).executeTakeFirst()),
  byArns: (db: Db, arns: readonly string[]) =>
    arns.length === 0 ? Promise.resolve([]) : db.selectFrom('iam_policies').selectAll().where('arn', 'in', [...arns]).execute(),
  updateDocument: (db: Db, arn: string, document: string, now: number) =>
    db.updateTable('iam_policies').set({ document, updated_at: now }).where('arn', '=', arn).execute(),
};

export const attachmentsRepo = {
  attach: (db: Db, kind: OwnerKind, owner: string, arn: string, now: number) =>
    db.insertInto('iam_attachments').values({ owner_kind: kind, owner_key: owner, policy_arn: arn, created_at: now }).onConflict((c) => c.doNothing()).execute(),
  detach: async (db: Db, kind: OwnerKind, owner: string, arn: string) =>
    changed(await db.deleteFrom('iam_attachments').where('owner_kind', '=', kind).where('owner_key', '=', owner).where('policy_arn', '=', arn).executeTakeFirst()),
  list: (db: Db, kind: OwnerKind, owner: string) =>
    db.selectFrom('iam_attachments').select('policy_arn').where('owner_kind', '=', kind).where('owner_key', '=', owner).orderBy('policy_arn').execute(),
  countForPolicy: async (db: Db, arn: string) =>
    Number((await db.selectFrom('iam_attachments').select((e) => e.fn.countAll<number>().as('n')).where('policy_arn', '=', arn).executeTakeFirstOrThrow()).n),
};

export const usersRepo = {
  get: (db: Db, nameKey: string) => db.selectFrom('iam_users').selectAll().where('name_key', '=', nameKey).executeTakeFirst(),
  insert: async (db: Db, row: IamUsersTable) =>
    Number((await db.insertInto('iam_users').values(row).onConflict((c) => c.column('name_key').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n) > 0,
};

export const userKeysRepo = {
  get: (db: Db, id: string) => db.selectFrom('iam_access_keys').selectAll().where('access_key_id', '=', id).executeTakeFirst(),
  insert: (db: Db, row: IamAccessKeysTable) => db.insertInto('iam_access_keys').values(row).execute(),
  delete: async (db: Db, id: string) => changed(await db.deleteFrom('iam_access_keys').where('access_key_id', '=', id).executeTakeFirst()),
  countForUser: async (db: Db, userKey: string) =>
    Number((await db.selectFrom('iam_access_keys').select((e) => e.fn.countAll<number>().as('n')).where('user_key', '=', userKey).executeTakeFirstOrThrow()).n),
};

export const oidcProvidersRepo = {
  get: (db: Db, arn: string) => db.selectFrom('iam_oidc_providers').selectAll().where('arn', '=', arn).executeTakeFirst(),
  insert: async (db: Db, row: IamOidcProvidersTable) =>
    Number((await db.insertInto('iam_oidc_providers').values(row).onConflict((c) => c.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n) > 0,
  delete: async (db: Db, arn: string) => changed(await db.deleteFrom('iam_oidc_providers').where('arn', '=', arn).executeTakeFirst()),
  list: (db: Db) => db.selectFrom('iam_oidc_providers').selectAll().orderBy('arn').execute(),
};
