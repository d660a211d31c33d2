/**
 * User pool life cycle: create, describe, update (full replace of the mutable members), delete (honouring
 * DeletionProtection, cascading to everything keyed by the pool) and list. Config rules live in pool-config.ts;
 * this module adds identity, time, tags and the store. It never returns internal config members.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { ids } from '../crypto/random.js';
import { poolsRepo } from '../store/pools-repo.js';
import { getPool, poolArn } from './pools.js';
import { describedConfig, newPoolConfig, updatedPoolConfig } from './pool-config.js';
import type { PoolInput } from './shapes.js';
import type { UserPool, UserPoolConfig } from './types.js';
import { afterKey, splitPage } from './paging.js';

export type CreatePoolInput = PoolInput & { PoolName: string };
export type UpdatePoolInput = PoolInput & { UserPoolId: string; PoolName?: string };

const parseTags = (text: string) => JSON.parse(text) as Record<string, string>;

/** DescribeUserPool's UserPoolType: the stored config plus the live user count and tags. */
export async function describePool(svc: Services, poolId: string): Promise<Record<string, unknown>> {
  const row = await poolsRepo.get(svc.db, poolId);
  if (!row) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
  const config = JSON.parse(row.config) as UserPoolConfig;
  return { ...describedConfig(config), EstimatedNumberOfUsers: await poolsRepo.countUsers(svc.db, poolId), UserPoolTags: parseTags(row.tags) };
}

/** Creates a pool; `id` pins the pool id (declarative setup), otherwise a fresh `{region}_{9 alnum}`. */
export async function createPool(svc: Services, input: CreatePoolInput, opts: { id?: string } = {}): Promise<UserPool> {
  const now = svc.clock.now();
  const id = opts.id ?? ids.userPool(svc.config.region);
  const config = newPoolConfig(input, { Id: id, Name: input.PoolName, Arn: poolArn(svc, id), now });
  await poolsRepo.insert(svc.db, {
    id,
    name: input.PoolName,
    config: JSON.stringify(config),
    tags: JSON.stringify(input.UserPoolTags ?? {}),
    created_at: now,
    updated_at: now,
  });
  return { id, srpName: id.slice(id.indexOf('_') + 1), region: id.slice(0, id.indexOf('_')), config };
}

/** UpdateUserPool: the next config (not stored), for callers that want to compare first. */
export function nextPoolConfig(svc: Services, pool: UserPool, input: Omit<UpdatePoolInput, 'UserPoolId'>): UserPoolConfig {
  return updatedPoolConfig(pool.config, input, svc.clock.now());
}

export async function updatePool(svc: Services, input: UpdatePoolInput): Promise<void> {
  const pool = await getPool(svc, input.UserPoolId);
  const { UserPoolId: _, ...rest } = input;
  const config = nextPoolConfig(svc, pool, rest);
  await poolsRepo.update(svc.db, pool.id, {
    name: config.Name,
    config: JSON.stringify(config),
    updated_at: svc.clock.now(),
    ...(input.UserPoolTags ? { tags: JSON.stringify(input.UserPoolTags) } : {}),
  });
}

/** Writes a config another control-plane module derived from the stored one (MFA config, custom attributes). */
export async function storePoolConfig(svc: Services, poolId: string, config: UserPoolConfig): Promise<void> {
  const now = svc.clock.now();
  await poolsRepo.update(svc.db, poolId, { config: JSON.stringify({ ...config, LastModifiedDate: now / 1000 }), updated_at: now });
}

export async function deletePool(svc: Services, poolId: string): Promise<void> {
  const pool = await getPool(svc, poolId);
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw errors.invalidParameter(`The user pool ${poolId} cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.`);
  }
  if (!(await poolsRepo.deleteCascade(svc.db, svc.store.dialect, poolId))) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
}

export async function listPools(svc: Services, maxResults: number, nextToken?: string) {
  const rows = await poolsRepo.page(svc.db, afterKey('pools', nextToken), maxResults);
  const { items, next } = splitPage(rows, maxResults, 'pools', (r) => r.id);
  const UserPools = items.map((r) => {
    const c = JSON.parse(r.config) as UserPoolConfig;
    return { Id: r.id, Name: r.name, LambdaConfig: c.LambdaConfig ?? {}, LastModifiedDate: c.LastModifiedDate, CreationDate: c.CreationDate };
  });
  return next ? { UserPools, NextToken: next } : { UserPools };
}
