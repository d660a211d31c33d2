/**
 * Reading pools and app clients for the rest of the domain: one primary-key seek each, no cache, because every
 * node must see a pool or client change (or deletion) at once. A client's plain secret is opened here and
 * nowhere else; it must never be logged.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { poolsRepo, type PoolRow } from '../store/pools-repo.js';
import { clientsRepo, type ClientRow } from '../store/clients-repo.js';
import type { ClientConfig, PoolClient, UserPool, UserPoolConfig } from './types.js';

export const poolArn = (svc: Services, poolId: string) => `arn:aws:cognito-idp:${poolId.split('_')[0]}:${svc.config.accountId}:userpool/${poolId}`;

export const secretContext = (clientId: string) => `client-secret:${clientId}`;

export function rowToPool(row: Pick<PoolRow, 'id' | 'config'>): UserPool {
  const cut = row.id.indexOf('_');
  return { id: row.id, srpName: row.id.slice(cut + 1), region: row.id.slice(0, cut), config: JSON.parse(row.config) as UserPoolConfig };
}

export function rowToClient(svc: Services, row: ClientRow): PoolClient {
  const config = JSON.parse(row.config) as ClientConfig;
  const secret = row.secret_enc ? svc.box.open(row.secret_enc, secretContext(row.client_id)) : undefined;
  return secret === undefined ? { id: row.client_id, poolId: row.pool_id, config } : { id: row.client_id, poolId: row.pool_id, secret, config };
}

/** The pool, or ResourceNotFoundException "User pool {id} does not exist.". */
export async function getPool(svc: Services, poolId: string): Promise<UserPool> {
  const row = await poolsRepo.get(svc.db, poolId);
  if (!row) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
  return rowToPool(row);
}

/** The app client (with its plain secret), or ResourceNotFoundException "User pool client {id} does not exist.". */
export async function getClient(svc: Services, clientId: string): Promise<PoolClient> {
  const row = await clientsRepo.get(svc.db, clientId);
  if (!row) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return rowToClient(svc, row);
}

/** The pool's client, or ResourceNotFoundException (a client of another pool is not found either). */
export async function getPoolClient(svc: Services, poolId: string, clientId: string): Promise<PoolClient> {
  const row = await clientsRepo.get(svc.db, clientId);
  if (!row || row.pool_id !== poolId) {
    await getPool(svc, poolId);
    throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  }
  return rowToClient(svc, row);
}
