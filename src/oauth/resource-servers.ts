/**
 * Resource servers and their custom scopes (CreateResourceServer … ListResourceServers). A scope is granted
 * as `{identifier}/{scopeName}`; app clients may list one in AllowedOAuthScopes only while it exists. At most
 * 25 servers per pool and 100 scopes per server (Cognito's quotas). No HTTP here; SQL is in the store.
 */
import { errors } from '../errors.js';
import { getPool } from '../user-pools/pools.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import { resourceServersRepo, type ResourceServerRow } from '../store/resource-servers-repo.js';
import type { Services } from '../services.js';

export const MAX_RESOURCE_SERVERS = 25;

export interface ResourceServerScope { ScopeName: string; ScopeDescription: string }
export interface ResourceServerInput { UserPoolId: string; Identifier: string; Name: string; Scopes?: ResourceServerScope[] }

export function resourceServerType(row: ResourceServerRow) {
  return { UserPoolId: row.pool_id, Identifier: row.identifier, Name: row.name, Scopes: JSON.parse(row.scopes) as ResourceServerScope[] };
}

function scopesJson(scopes: ResourceServerScope[] | undefined): string {
  const list = scopes ?? [];
  const seen = new Set<string>();
  for (const s of list) {
    if (seen.has(s.ScopeName)) throw errors.invalidParameter(`Scopes: the scope name ${s.ScopeName} is given more than once.`);
    seen.add(s.ScopeName);
  }
  return JSON.stringify(list.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription })));
}

async function existing(svc: Services, poolId: string, identifier: string): Promise<ResourceServerRow> {
  const row = await resourceServersRepo.get(svc.db, poolId, identifier);
  if (row) return row;
  await getPool(svc, poolId);
  throw errors.resourceNotFound(`Resource server ${identifier} does not exist in user pool ${poolId}.`);
}

export async function createResourceServer(svc: Services, input: ResourceServerInput) {
  await getPool(svc, input.UserPoolId);
  const scopes = scopesJson(input.Scopes);
  if ((await resourceServersRepo.count(svc.db, input.UserPoolId)) >= MAX_RESOURCE_SERVERS) {
    throw errors.limitExceeded(`User pool ${input.UserPoolId} already has the maximum of ${MAX_RESOURCE_SERVERS} resource servers.`);
  }
  const now = svc.clock.now();
  const row: ResourceServerRow = { pool_id: input.UserPoolId, identifier: input.Identifier, name: input.Name, scopes, created_at: now, updated_at: now };
  if (!(await resourceServersRepo.insert(svc.db, row))) {
    throw errors.invalidParameter(`A resource server with identifier ${input.Identifier} already exists in user pool ${input.UserPoolId}.`);
  }
  return resourceServerType(row);
}

export const describeResourceServer = async (svc: Services, poolId: string, identifier: string) => resourceServerType(await existing(svc, poolId, identifier));

/** Replaces name and scopes (omitted Scopes = none), as Cognito's UpdateResourceServer does. */
export async function updateResourceServer(svc: Services, input: ResourceServerInput) {
  const row = await existing(svc, input.UserPoolId, input.Identifier);
  const next = { ...row, name: input.Name, scopes: scopesJson(input.Scopes), updated_at: svc.clock.now() };
  if (!(await resourceServersRepo.update(svc.db, row.pool_id, row.identifier, { name: next.name, scopes: next.scopes, updated_at: next.updated_at }))) {
    throw errors.resourceNotFound(`Resource server ${input.Identifier} does not exist in user pool ${input.UserPoolId}.`);
  }
  return resourceServerType(next);
}

export async function deleteResourceServer(svc: Services, poolId: string, identifier: string): Promise<void> {
  await existing(svc, poolId, identifier);
  if (!(await resourceServersRepo.delete(svc.db, poolId, identifier))) {
    throw errors.resourceNotFound(`Resource server ${identifier} does not exist in user pool ${poolId}.`);
  }
}

export async function listResourceServers(svc: Services, poolId: string, maxResults: number, nextToken?: string) {
  await getPool(svc, poolId);
  const kind = `resource-servers:${poolId}`;
  const rows = await resourceServersRepo.page(svc.db, poolId, afterKey(kind, nextToken), maxResults);
  const { items, next } = splitPage(rows, maxResults, kind, (r) => r.identifier);
  const ResourceServers = items.map(resourceServerType);
  return next ? { ResourceServers, NextToken: next } : { ResourceServers };
}

/** True when `scope` is `{identifier}/{name}` of a resource server of the pool that defines `name`. */
export async function resourceScopeExists(svc: Services, poolId: string, scope: string): Promise<boolean> {
  // Identifiers may contain '/' (URLs); scope names may not, so the scope name is after the last '/'.
  const cut = scope.lastIndexOf('/');
  if (cut <= 0 || cut === scope.length - 1) return false;
  const row = await resourceServersRepo.get(svc.db, poolId, scope.slice(0, cut));
  if (!row) return false;
  const name = scope.slice(cut + 1);
  return (JSON.parse(row.scopes) as ResourceServerScope[]).some((s) => s.ScopeName === name);
}
