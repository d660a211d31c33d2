/**
 * Declarative setup: pools, clients and groups declared under `userPools:` in the config file are created or
 * brought in line at start. Applying is idempotent — an entry that already matches is not written at all, so a
 * second start changes nothing — and additive: nothing undeclared is deleted, and a secret is never removed.
 * Pools are found by pinned `Id` or by `Name`, clients by pinned `ClientId` or by `ClientName`, groups by name.
 * Every entry is validated before anything is written; a failure names the entry's path in the config.
 * In a cluster, pin `Id`/`ClientId` so nodes starting together cannot both create the same pool.
 */
import { ConfigError } from '../config/load.js';
import { ServiceError } from '../errors.js';
import type { Services } from '../services.js';
import { ids } from '../crypto/random.js';
import { poolsRepo } from '../store/pools-repo.js';
import { clientsRepo } from '../store/clients-repo.js';
import { groupsRepo } from '../store/groups-repo.js';
import { rowToClient, rowToPool } from './pools.js';
import { createPool, mutatePoolConfig, nextPoolConfig, poolTags } from './pool-admin.js';
import { checkMfaFactors, newPoolConfig } from './pool-config.js';
import { buildSchema, type SchemaAttribute } from './schema-attributes.js';
import { createClient, nextClientConfig, setClientSecret } from './clients.js';
import { createGroup } from './groups.js';
import { configPath, declaredSetup, describeIssue, type DeclaredClient, type DeclaredGroup, type DeclaredPool } from './declared-shape.js';
import type { UserPool, UserPoolConfig } from './types.js';

/** JSON with sorted keys, so configs built along different paths compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
const sameExceptModified = (a: object, b: object) => canonical({ ...a, LastModifiedDate: 0 }) === canonical({ ...b, LastModifiedDate: 0 });

function fail(path: string, e: unknown): never {
  if (e instanceof ServiceError || e instanceof ConfigError) throw new ConfigError(`invalid configuration: ${path}: ${e.message.replace(/^invalid configuration: /, '')}`);
  throw e;
}

function splitPool(d: DeclaredPool) {
  const { Name, Id: _i, Clients: _c, Groups: _g, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration, ...members } = d;
  const mfa = { SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration };
  // MFA factors are applied after the base config, so the mode is checked against them (TOTP-only MFA is declarable).
  return { input: { ...members, PoolName: Name, MfaConfiguration: 'OFF' as const }, mode: members.MfaConfiguration ?? 'OFF', mfa };
}

function withMfa(config: UserPoolConfig, d: ReturnType<typeof splitPool>): UserPoolConfig {
  const next: Record<string, unknown> = { ...config, MfaConfiguration: d.mode };
  for (const [k, v] of Object.entries(d.mfa)) if (v !== undefined) next[k] = v;
  checkMfaFactors(d.mode, next);
  return next as UserPoolConfig;
}

/** The stored schema plus declared custom attributes not there yet; refuses any other schema change. */
function mergedSchema(pool: UserPool, d: DeclaredPool): SchemaAttribute[] {
  const stored = (pool.config.SchemaAttributes ?? []) as SchemaAttribute[];
  const declared = buildSchema(d.Schema);
  const byName = new Map(stored.map((a) => [a.Name, a]));
  const added = declared.filter((a) => !byName.has(a.Name));
  const changed = declared.filter((a) => byName.has(a.Name) && canonical(byName.get(a.Name)) !== canonical(a));
  if (changed.length > 0 || added.some((a) => !a.Name.includes('custom:'))) {
    throw new ConfigError(`Schema of pool ${pool.id} cannot change (${[...changed, ...added].map((a) => a.Name).join(', ')}); only new custom attributes can be added`);
  }
  return [...stored, ...added];
}

async function findPool(svc: Services, d: DeclaredPool): Promise<UserPool | undefined> {
  if (d.Id) {
    const row = await poolsRepo.get(svc.db, d.Id);
    return row ? rowToPool(row) : undefined;
  }
  const rows = await poolsRepo.byName(svc.db, d.Name);
  if (rows.length > 1) throw new ConfigError(`${rows.length} pools are named ${d.Name} (${rows.map((r) => r.id).join(', ')}); pin one with Id`);
  return rows[0] ? rowToPool(rows[0]) : undefined;
}

async function applyPool(svc: Services, d: DeclaredPool): Promise<UserPool> {
  if (d.Id && !svc.regions.includes(d.Id.split('_')[0]!)) throw new ConfigError(`Id ${d.Id} must start with a configured region (${svc.regions.join(', ')})`);
  const parts = splitPool(d);
  const found = await findPool(svc, d);
  if (!found) {
    const pool = await createPool(svc, parts.input, { id: d.Id, adjust: (c) => withMfa(c, parts) });
    svc.log.info({ poolId: pool.id, name: d.Name }, 'declared user pool created');
    return pool;
  }
  const probe = newPoolConfig(parts.input, { Id: found.id, Name: d.Name, Arn: found.config.Arn, now: 0 });
  for (const k of ['AliasAttributes', 'UsernameAttributes', 'UsernameConfiguration'] as const) {
    if (canonical(probe[k]) !== canonical(found.config[k])) throw new ConfigError(`${k} of pool ${found.id} cannot change after creation`);
  }
  const SchemaAttributes = mergedSchema(found, d);
  const next = withMfa({ ...nextPoolConfig(svc, found, parts.input), SchemaAttributes }, parts);
  if (!sameExceptModified(next, found.config)) {
    await mutatePoolConfig(svc, found.id, () => next);
    svc.log.info({ poolId: found.id }, 'declared user pool updated');
  }
  if (d.UserPoolTags && canonical(d.UserPoolTags) !== canonical(await poolTags(svc, found.id))) {
    await poolsRepo.update(svc.db, found.id, { tags: JSON.stringify(d.UserPoolTags) });
  }
  return rowToPool((await poolsRepo.get(svc.db, found.id))!);
}

async function applyClient(svc: Services, pool: UserPool, d: DeclaredClient): Promise<void> {
  const { ClientId, ClientSecret, GenerateSecret, ...input } = d;
  let row = ClientId ? await clientsRepo.get(svc.db, ClientId) : undefined;
  if (row && row.pool_id !== pool.id) throw new ConfigError(`ClientId ${ClientId} belongs to pool ${row.pool_id}`);
  if (!ClientId) {
    const rows = await clientsRepo.byName(svc.db, pool.id, d.ClientName);
    if (rows.length > 1) throw new ConfigError(`${rows.length} clients of pool ${pool.id} are named ${d.ClientName}; pin one with ClientId`);
    row = rows[0];
  }
  if (!row) {
    const c = await createClient(svc, { ...input, UserPoolId: pool.id, GenerateSecret, ClientSecret }, { clientId: ClientId });
    svc.log.info({ poolId: pool.id, clientId: c.id, name: d.ClientName }, 'declared app client created');
    return;
  }
  let client = rowToClient(svc, row);
  const secret = ClientSecret ?? (GenerateSecret && client.secret === undefined ? ids.clientSecret() : undefined);
  if (secret !== undefined && secret !== client.secret) {
    await setClientSecret(svc, client.id, secret);
    client = { ...client, secret };
  }
  const next = await nextClientConfig(svc, client, input);
  if (!sameExceptModified(next, client.config)) {
    await clientsRepo.update(svc.db, client.id, { name: next.ClientName, config: JSON.stringify(next), updated_at: svc.clock.now() });
    svc.log.info({ poolId: pool.id, clientId: client.id }, 'declared app client updated');
  }
}

async function applyGroup(svc: Services, pool: UserPool, d: DeclaredGroup): Promise<void> {
  const row = await groupsRepo.get(svc.db, pool.id, d.GroupName);
  if (!row) {
    await createGroup(svc, { UserPoolId: pool.id, ...d });
    return;
  }
  const want = { description: d.Description ?? null, role_arn: d.RoleArn ?? null, precedence: d.Precedence ?? null };
  const have = { description: row.description, role_arn: row.role_arn, precedence: row.precedence === null ? null : Number(row.precedence) };
  if (canonical(want) !== canonical(have)) await groupsRepo.update(svc.db, pool.id, d.GroupName, { ...want, updated_at: svc.clock.now() });
}

export async function applyDeclaredSetup(svc: Services, declared: unknown[]): Promise<void> {
  if (declared.length === 0) return;
  const parsed = declaredSetup.safeParse(declared);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${parsed.error.issues.slice(0, 5).map(describeIssue).join('; ')}`);
  for (const [i, d] of parsed.data.entries()) {
    const at = configPath([i]);
    const pool = await applyPool(svc, d).catch((e: unknown) => fail(at, e));
    for (const [j, c] of d.Clients.entries()) await applyClient(svc, pool, c).catch((e: unknown) => fail(`${at}.Clients[${j}]`, e));
    for (const [j, g] of d.Groups.entries()) await applyGroup(svc, pool, g).catch((e: unknown) => fail(`${at}.Groups[${j}]`, e));
  }
}
