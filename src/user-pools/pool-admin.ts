/**
 * User pool life cycle: create, describe, update (full replace of the mutable members), delete (honouring
 * DeletionProtection, cascading to everything keyed by the pool) and list. Config rules live in pool-config.ts;
 * this module adds identity, time, tags and the store. It never returns internal config members.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { ids } from '../crypto/random.js';
import { poolsRepo } from '../store/pools-repo.js';
import { getPool, poolArn, rowToPool } from './pools.js';
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
export async function createPool(
  svc: Services,
  input: CreatePoolInput,
  opts: { id?: string; adjust?: (config: UserPoolConfig) => UserPoolConfig } = {},
): Promise<UserPool> {
  const now = svc.clock.now();
  const id = opts.id ?? ids.userPool(svc.config.region);
  let config = newPoolConfig(input, { Id: id, Name: input.PoolName, Arn: poolArn(svc, id), now });
  if (opts.adjust) config = opts.adjust(config);
  await poolsRepo.insert(svc.db, {
    id,
    name: input.PoolName,
    config: JSON.stringify(config),
    tags: JSON.stringify(input.UserPoolTags ?? {}),
    created_at: now,
    updated_at: now,
  });
  return rowToPool({ id, config: JSON.stringify(config) });
}

/** UpdateUserPool: the next config (not stored), for callers that want to compare first. */
export function nextPoolConfig(svc: Services, pool: UserPool, input: Omit<UpdatePoolInput, 'UserPoolId'>): UserPoolConfig {
  return updatedPoolConfig(pool.config, input, svc.clock.now());
}

export async function updatePool(svc: Services, input: UpdatePoolInput): Promise<void> {
  const { UserPoolId: poolId, ...rest } = input;
  await mutatePoolConfig(svc, poolId, (pool) => nextPoolConfig(svc, pool, rest), input.UserPoolTags);
}

/**
 * Read-modify-write of a pool's config with compare-and-set, retried on a concurrent change; `change` may throw
 * to refuse. `tags`, when given, replaces the pool's tags in the same write.
 */
export async function mutatePoolConfig(
  svc: Services,
  poolId: string,
  change: (pool: UserPool) => UserPoolConfig,
  tags?: Record<string, string>,
): Promise<UserPoolConfig> {
  for (let attempt = 0; ; attempt++) {
    const row = await poolsRepo.get(svc.db, poolId);
    if (!row) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
    const now = svc.clock.now();
    const config = { ...change(rowToPool(row)), LastModifiedDate: now / 1000 };
    const fields = { name: config.Name, config: JSON.stringify(config), updated_at: now, ...(tags ? { tags: JSON.stringify(tags) } : {}) };
    if (await poolsRepo.updateIf(svc.db, poolId, 'config', row.config, fields)) return config;
    if (attempt >= 5) throw errors.concurrentModification(`User pool ${poolId} was changed concurrently; retry the request.`);
  }
}

/** Read-modify-write of a pool's tags with compare-and-set (TagResource / UntagResource). */
export async function mutatePoolTags(svc: Services, poolId: string, change: (tags: Record<string, string>) => Record<string, string>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const row = await poolsRepo.get(svc.db, poolId);
    if (!row) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
    const next = change(parseTags(row.tags));
    if (await poolsRepo.updateIf(svc.db, poolId, 'tags', row.tags, { tags: JSON.stringify(next) })) return;
    if (attempt >= 5) throw errors.concurrentModification(`User pool ${poolId} was changed concurrently; retry the request.`);
  }
}

export async function poolTags(svc: Services, poolId: string): Promise<Record<string, string>> {
  const row = await poolsRepo.get(svc.db, poolId);
  if (!row) throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
  return parseTags(row.tags);
}

export async function deletePool(svc: Services, poolId: string): Promise<void> {
  const pool = await getPool(svc, poolId);
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw errors.invalidParameter('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');
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
