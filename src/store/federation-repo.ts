/**
 * SQL for federation: identity providers (keyed and paged by (pool_id, name)), their IdP identifiers (the
 * primary key makes an identifier unique within a pool), federated sign-ins in flight (consumed with one
 * DELETE … RETURNING so a state can be used once even with several nodes), and provider links. Rules live in
 * src/federation/; this module must not decide them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, FederationStatesTable, IdentityProvidersTable, ProviderLinksTable } from './tables.js';

type Db = Kysely<Database>;
export type ProviderRow = Selectable<IdentityProvidersTable>;
export type FederationStateRow = Selectable<FederationStatesTable>;
export type ProviderLinkRow = Selectable<ProviderLinksTable>;

const inserted = (r: { numInsertedOrUpdatedRows?: bigint }) => Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;

export const providersRepo = {
  get: (db: Db, poolId: string, name: string) =>
    db.selectFrom('identity_providers').selectAll().where('pool_id', '=', poolId).where('name', '=', name).executeTakeFirst(),

  /** Inserts the provider and its identifiers; 'name' or 'identifier' tells which uniqueness failed (nothing written). */
  insert: (db: Db, row: ProviderRow, identifiers: readonly string[]) =>
    db.transaction().execute(async (trx): Promise<'ok' | 'name' | { identifier: string }> => {
      const r = await trx.insertInto('identity_providers').values(row).onConflict((c) => c.columns(['pool_id', 'name']).doNothing()).executeTakeFirst();
      if (!inserted(r)) return 'name';
      for (const identifier of identifiers) {
        const i = await trx
          .insertInto('idp_identifiers')
          .values({ pool_id: row.pool_id, identifier, provider_name: row.name })
          .onConflict((c) => c.columns(['pool_id', 'identifier']).doNothing())
          .executeTakeFirst();
        if (!inserted(i)) throw new IdentifierTaken(identifier);
      }
      return 'ok';
    }).catch((e: unknown) => {
      if (e instanceof IdentifierTaken) return { identifier: e.identifier };
      throw e;
    }),

  /** Replaces the provider's fields and, when given, its identifiers; false when an identifier is taken. */
  update: (db: Db, poolId: string, name: string, fields: Partial<ProviderRow>, identifiers?: readonly string[]) =>
    db.transaction().execute(async (trx): Promise<true | { identifier: string }> => {
      await trx.updateTable('identity_providers').set(fields).where('pool_id', '=', poolId).where('name', '=', name).execute();
      if (identifiers) {
        await trx.deleteFrom('idp_identifiers').where('pool_id', '=', poolId).where('provider_name', '=', name).execute();
        for (const identifier of identifiers) {
          const i = await trx
            .insertInto('idp_identifiers')
            .values({ pool_id: poolId, identifier, provider_name: name })
            .onConflict((c) => c.columns(['pool_id', 'identifier']).doNothing())
            .executeTakeFirst();
          if (!inserted(i)) throw new IdentifierTaken(identifier);
        }
      }
      return true as const;
    }).catch((e: unknown) => {
      if (e instanceof IdentifierTaken) return { identifier: e.identifier };
      throw e;
    }),

  /** Deletes the provider, its identifiers and its links; false when it did not exist. */
  delete: (db: Db, poolId: string, name: string) =>
    db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('identity_providers').where('pool_id', '=', poolId).where('name', '=', name).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await trx.deleteFrom('idp_identifiers').where('pool_id', '=', poolId).where('provider_name', '=', name).execute();
      await trx.deleteFrom('provider_links').where('pool_id', '=', poolId).where('provider_name', '=', name).execute();
      return true;
    }),

  byIdentifier: (db: Db, poolId: string, identifier: string) =>
    db.selectFrom('idp_identifiers').select('provider_name').where('pool_id', '=', poolId).where('identifier', '=', identifier).executeTakeFirst(),

  /** A page of a pool's providers after `after`; one extra row tells the caller whether more follow. */
  page: (db: Db, poolId: string, after: string | undefined, limit: number) => {
    let q = db.selectFrom('identity_providers').select(['name', 'type', 'created_at', 'updated_at']).where('pool_id', '=', poolId);
    if (after !== undefined) q = q.where('name', '>', after);
    return q.orderBy('name').limit(limit + 1).execute();
  },
};

class IdentifierTaken extends Error {
  constructor(readonly identifier: string) {
    super('identifier taken');
  }
}

export const federationStatesRepo = {
  insert: (db: Db, row: FederationStateRow) => db.insertInto('federation_states').values(row).execute(),

  /** Reads a state without consuming it (the browser-binding hop). */
  peek: (db: Db, stateHash: string) => db.selectFrom('federation_states').selectAll().where('state_hash', '=', stateHash).executeTakeFirst(),

  /** Deletes and returns the state: whoever gets the row is the only one who ever will. */
  take: (db: Db, stateHash: string) => db.deleteFrom('federation_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst(),

  deleteExpired: async (db: Db, now: number) =>
    Number((await db.deleteFrom('federation_states').where('expires_at', '<', now).executeTakeFirst()).numDeletedRows),
};

export const providerLinksRepo = {
  get: (db: Db, poolId: string, providerName: string, subject: string) =>
    db.selectFrom('provider_links').selectAll().where('pool_id', '=', poolId).where('provider_name', '=', providerName).where('subject', '=', subject).executeTakeFirst(),

  ofUser: (db: Db, poolId: string, usernameKey: string) =>
    db.selectFrom('provider_links').selectAll().where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute(),

  /** Inserts the link; false when this external identity is linked already. */
  insert: async (db: Db, row: ProviderLinkRow) =>
    inserted(await db.insertInto('provider_links').values(row).onConflict((c) => c.columns(['pool_id', 'provider_name', 'subject']).doNothing()).executeTakeFirst()),

  delete: async (db: Db, poolId: string, providerName: string, subject: string) =>
    Number((await db.deleteFrom('provider_links').where('pool_id', '=', poolId).where('provider_name', '=', providerName).where('subject', '=', subject).executeTakeFirst()).numDeletedRows) > 0,
};
