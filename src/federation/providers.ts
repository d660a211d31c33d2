/**
 * A user pool's external identity providers: create (DuplicateProviderException on a taken name or identifier),
 * describe, update, delete, list by keyset, find by IdP identifier, and read one for sign-in. The client secret
 * is sealed at rest under the master key and opened only here; it must never be logged.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { providersRepo, type ProviderRow } from '../store/federation-repo.js';
import { getPool } from '../user-pools/pools.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import { checkAttributeMapping, checkIdentifiers, checkOidcDetails, checkProviderName, checkProviderType } from './provider-config.js';

/** A provider as the domain reads it, with the plain client secret inside `details`. */
export interface IdentityProvider {
  readonly poolId: string;
  readonly name: string;
  readonly type: 'OIDC';
  readonly details: Readonly<Record<string, string>>;
  readonly attributeMapping: Readonly<Record<string, string>>;
  readonly identifiers: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ProviderInput {
  UserPoolId: string;
  ProviderName: string;
  ProviderType?: string;
  ProviderDetails?: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

const secretContext = (poolId: string, name: string) => `idp-secret:${poolId}:${name}`;

function rowToProvider(svc: Services, row: ProviderRow): IdentityProvider {
  const details = JSON.parse(row.details) as Record<string, string>;
  if (row.secret_enc) details.client_secret = svc.box.open(row.secret_enc, secretContext(row.pool_id, row.name));
  return {
    poolId: row.pool_id,
    name: row.name,
    type: row.type as 'OIDC',
    details,
    attributeMapping: JSON.parse(row.attribute_mapping) as Record<string, string>,
    identifiers: JSON.parse(row.idp_identifiers) as string[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Splits the secret out of the details for storage. */
function storedDetails(svc: Services, poolId: string, name: string, details: Record<string, string>) {
  const { client_secret: secret, ...rest } = details;
  return { details: JSON.stringify(rest), secret_enc: secret ? svc.box.seal(secret, secretContext(poolId, name)) : null };
}

/** IdentityProviderType as Describe returns it (Cognito shows the client secret to the administrator). */
export function providerType(p: IdentityProvider) {
  return {
    UserPoolId: p.poolId,
    ProviderName: p.name,
    ProviderType: p.type,
    ProviderDetails: { ...p.details, attributes_url_add_attributes: 'false' },
    AttributeMapping: { ...p.attributeMapping },
    IdpIdentifiers: [...p.identifiers],
    LastModifiedDate: p.updatedAt / 1000,
    CreationDate: p.createdAt / 1000,
  };
}

const notFound = (name: string) => errors.resourceNotFound(`Identity provider ${name} does not exist.`);
const identifierTaken = (id: string) => errors.duplicateProvider(`The IdpIdentifier ${id} is already used by another identity provider of this user pool.`);

/** The pool's provider, or undefined. */
export async function findProvider(svc: Services, poolId: string, name: string): Promise<IdentityProvider | undefined> {
  const row = await providersRepo.get(svc.db, poolId, name);
  return row ? rowToProvider(svc, row) : undefined;
}

async function existing(svc: Services, poolId: string, name: string): Promise<IdentityProvider> {
  const p = await findProvider(svc, poolId, name);
  if (p) return p;
  await getPool(svc, poolId);
  throw notFound(name);
}

export async function createProvider(svc: Services, input: ProviderInput) {
  const pool = await getPool(svc, input.UserPoolId);
  checkProviderType(input.ProviderType ?? '');
  checkProviderName(input.ProviderName);
  const details = checkOidcDetails(svc, input.ProviderDetails ?? {});
  const mapping = checkAttributeMapping(pool, input.AttributeMapping);
  const identifiers = checkIdentifiers(input.IdpIdentifiers);
  const now = svc.clock.now();
  const row: ProviderRow = {
    pool_id: pool.id,
    name: input.ProviderName,
    type: 'OIDC',
    ...storedDetails(svc, pool.id, input.ProviderName, details),
    attribute_mapping: JSON.stringify(mapping),
    idp_identifiers: JSON.stringify(identifiers),
    created_at: now,
    updated_at: now,
  };
  const r = await providersRepo.insert(svc.db, row, identifiers);
  if (r === 'name') throw errors.duplicateProvider(`A provider with the name ${input.ProviderName} already exists in this user pool.`);
  if (r !== 'ok') throw identifierTaken(r.identifier);
  return providerType(rowToProvider(svc, row));
}

export const describeProvider = async (svc: Services, poolId: string, name: string) => providerType(await existing(svc, poolId, name));

export async function updateProvider(svc: Services, input: ProviderInput) {
  const pool = await getPool(svc, input.UserPoolId);
  const prev = await existing(svc, pool.id, input.ProviderName);
  const details = input.ProviderDetails ? checkOidcDetails(svc, input.ProviderDetails, prev.details.client_secret) : { ...prev.details };
  const mapping = input.AttributeMapping ? checkAttributeMapping(pool, input.AttributeMapping) : prev.attributeMapping;
  const identifiers = input.IdpIdentifiers ? checkIdentifiers(input.IdpIdentifiers) : undefined;
  const now = svc.clock.now();
  const fields = {
    ...storedDetails(svc, pool.id, prev.name, details),
    attribute_mapping: JSON.stringify(mapping),
    ...(identifiers ? { idp_identifiers: JSON.stringify(identifiers) } : {}),
    updated_at: now,
  };
  const r = await providersRepo.update(svc.db, pool.id, prev.name, fields, identifiers);
  if (r !== true) throw identifierTaken(r.identifier);
  return providerType({ ...prev, details, attributeMapping: mapping, identifiers: identifiers ?? prev.identifiers, updatedAt: now });
}

export async function deleteProvider(svc: Services, poolId: string, name: string): Promise<void> {
  await existing(svc, poolId, name);
  if (!(await providersRepo.delete(svc.db, poolId, name))) throw notFound(name);
}

export async function listProviders(svc: Services, poolId: string, limit: number, nextToken?: string) {
  await getPool(svc, poolId);
  const kind = `idps:${poolId}`;
  const rows = await providersRepo.page(svc.db, poolId, afterKey(kind, nextToken), limit);
  const { items, next } = splitPage(rows, limit, kind, (r) => r.name);
  const Providers = items.map((r) => ({
    ProviderName: r.name,
    ProviderType: r.type,
    LastModifiedDate: Number(r.updated_at) / 1000,
    CreationDate: Number(r.created_at) / 1000,
  }));
  return next ? { Providers, NextToken: next } : { Providers };
}

/** The provider an IdP identifier names (GetIdentityProviderByIdentifier, `idp_identifier` on /oauth2/authorize). */
export async function providerByIdentifier(svc: Services, pool: UserPool, identifier: string): Promise<IdentityProvider | undefined> {
  const hit = await providersRepo.byIdentifier(svc.db, pool.id, identifier);
  return hit ? findProvider(svc, pool.id, hit.provider_name) : undefined;
}

export async function describeByIdentifier(svc: Services, poolId: string, identifier: string) {
  const pool = await getPool(svc, poolId);
  const p = await providerByIdentifier(svc, pool, identifier);
  if (!p) throw errors.resourceNotFound(`No identity provider of user pool ${poolId} has the identifier ${identifier}.`);
  return providerType(p);
}
