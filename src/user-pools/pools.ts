/**
 * Reading pools and app clients for the rest of the domain: one primary-key seek each, behind a small per-node
 * cache, because parsing the configuration (and opening a client's secret) on every request was a visible share
 * of the hot paths. The cache is dropped on every write made through this node (src/store/config-version.ts)
 * and trusted for at most `configCacheTtlMs` (≤ 1 s, default 1 s; 0 turns it off), so other nodes see a change
 * or deletion within that time. Misses (unknown ids) are never cached. Cached objects are shared: callers must
 * treat them as the read-only data their types say. A client's plain secret is opened here and nowhere else;
 * it must never be logged.
 */
import { errors } from '../errors.js';
import { perServices, type Services } from '../services.js';
import { configVersion } from '../store/config-version.js';
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

interface Cached<T> { value: T; version: number; at: number }
/** Bound on entries per kind; past it the cache starts over (cheap, and a node rarely serves that many). */
const MAX_ENTRIES = 10_000;

const cacheOf = perServices(() => ({ pools: new Map<string, Cached<UserPool>>(), clients: new Map<string, Cached<PoolClient>>() }));

/** A fresh-enough cached value, or a read through `load` (cached when no write overlapped it). */
async function cached<T>(svc: Services, map: Map<string, Cached<T>>, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
  const ttl = svc.config.configCacheTtlMs;
  if (ttl <= 0) return load();
  const now = performance.now();
  const hit = map.get(key);
  if (hit && hit.version === configVersion() && now - hit.at < ttl) return hit.value;
  const version = configVersion();
  const value = await load();
  if (value === undefined || version !== configVersion()) {
    map.delete(key);
    return value;
  }
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, { value, version, at: now });
  return value;
}

const poolById = (svc: Services, poolId: string) =>
  cached(svc, cacheOf(svc).pools, poolId, async () => {
    const row = await poolsRepo.get(svc.db, poolId);
    return row ? rowToPool(row) : undefined;
  });

const clientById = (svc: Services, clientId: string) =>
  cached(svc, cacheOf(svc).clients, clientId, async () => {
    const row = await clientsRepo.get(svc.db, clientId);
    return row ? rowToClient(svc, row) : undefined;
  });

/** The pool, or ResourceNotFoundException "User pool {id} does not exist.". */
export async function getPool(svc: Services, poolId: string): Promise<UserPool> {
  const pool = await poolById(svc, poolId);
  if (!pool) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
  return pool;
}

/** The app client (with its plain secret), or ResourceNotFoundException "User pool client {id} does not exist.". */
export async function getClient(svc: Services, clientId: string): Promise<PoolClient> {
  const client = await clientById(svc, clientId);
  if (!client) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/** The pool's client, or ResourceNotFoundException (a client of another pool is not found either). */
export async function getPoolClient(svc: Services, poolId: string, clientId: string): Promise<PoolClient> {
  const client = await clientById(svc, clientId);
  if (!client || client.poolId !== poolId) {
    await getPool(svc, poolId);
    throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  }
  return client;
}
