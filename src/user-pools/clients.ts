/**
 * App client life cycle: create (optionally with a generated or given secret, sealed at rest under
 * `client-secret:{clientId}`), describe (with the plain secret, as Cognito returns it), update (full replace of
 * the settings; name, secret and creation date kept), delete and list. Config rules live in client-config.ts.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { ids } from '../crypto/random.js';
import { clientsRepo } from '../store/clients-repo.js';
import { getPool, getPoolClient, secretContext } from './pools.js';
import { buildClientConfig } from './client-config.js';
import type { ClientInput } from './shapes.js';
import type { PoolClient } from './types.js';
import { afterKey, splitPage } from './paging.js';

export type CreateClientInput = ClientInput & { UserPoolId: string; ClientName: string; GenerateSecret?: boolean; ClientSecret?: string };
export type UpdateClientInput = ClientInput & { UserPoolId: string; ClientId: string; ClientName?: string };

/** UserPoolClientType as Describe/Create return it. */
export const describedClient = (c: PoolClient) => (c.secret === undefined ? { ...c.config } : { ...c.config, ClientSecret: c.secret });

/** Creates a client; `clientId` pins the id (declarative setup). */
export async function createClient(svc: Services, input: CreateClientInput, opts: { clientId?: string } = {}): Promise<PoolClient> {
  const pool = await getPool(svc, input.UserPoolId);
  const clientId = opts.clientId ?? ids.client();
  if (opts.clientId && (await clientsRepo.get(svc.db, clientId))) throw errors.invalidParameter(`A client with the id ${clientId} already exists.`);
  const secret = input.ClientSecret ?? (input.GenerateSecret ? ids.clientSecret() : undefined);
  const now = svc.clock.now();
  const config = await buildClientConfig(svc, pool, input, {
    ClientId: clientId, ClientName: input.ClientName, CreationDate: now / 1000, now, hasSecret: secret !== undefined, verb: 'creating',
  });
  await clientsRepo.insert(svc.db, {
    client_id: clientId,
    pool_id: pool.id,
    name: input.ClientName,
    secret_enc: secret === undefined ? null : svc.box.seal(secret, secretContext(clientId)),
    config: JSON.stringify(config),
    created_at: now,
    updated_at: now,
  });
  return secret === undefined ? { id: clientId, poolId: pool.id, config } : { id: clientId, poolId: pool.id, secret, config };
}

/** The next config of a client under UpdateUserPoolClient (not stored), so callers can compare first. */
export async function nextClientConfig(svc: Services, client: PoolClient, input: Omit<UpdateClientInput, 'UserPoolId' | 'ClientId'>) {
  const pool = await getPool(svc, client.poolId);
  return buildClientConfig(svc, pool, input, {
    ClientId: client.id,
    ClientName: input.ClientName ?? client.config.ClientName,
    CreationDate: Number(client.config.CreationDate),
    now: svc.clock.now(),
    hasSecret: client.secret !== undefined,
    verb: 'updating',
  });
}

export async function updateClient(svc: Services, input: UpdateClientInput): Promise<PoolClient> {
  const client = await getPoolClient(svc, input.UserPoolId, input.ClientId);
  const { UserPoolId: _p, ClientId: _c, ...rest } = input;
  const config = await nextClientConfig(svc, client, rest);
  await clientsRepo.update(svc.db, client.id, { name: config.ClientName, config: JSON.stringify(config), updated_at: svc.clock.now() });
  return { ...client, config };
}

/** Replaces (or removes) a client's secret; used by the declarative setup to pin one. */
export async function setClientSecret(svc: Services, clientId: string, secret: string | undefined): Promise<void> {
  await clientsRepo.update(svc.db, clientId, { secret_enc: secret === undefined ? null : svc.box.seal(secret, secretContext(clientId)), updated_at: svc.clock.now() });
}

export async function deleteClient(svc: Services, poolId: string, clientId: string): Promise<void> {
  await getPoolClient(svc, poolId, clientId);
  if (!(await clientsRepo.delete(svc.db, poolId, clientId))) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
}

export async function listClients(svc: Services, poolId: string, maxResults: number, nextToken?: string) {
  await getPool(svc, poolId);
  const kind = `clients:${poolId}`;
  const rows = await clientsRepo.page(svc.db, poolId, afterKey(kind, nextToken), maxResults);
  const { items, next } = splitPage(rows, maxResults, kind, (r) => r.client_id);
  const UserPoolClients = items.map((r) => ({ ClientId: r.client_id, UserPoolId: r.pool_id, ClientName: r.name }));
  return next ? { UserPoolClients, NextToken: next } : { UserPoolClients };
}
