/**
 * The identity-pool control plane: create, describe, update (a full replace, as Cognito does), delete and list
 * pools; roles and role mappings; principal-tag attribute maps; tags by pool ARN. Rules that span members are
 * checked here so a bad request never writes anything. It never verifies tokens or issues credentials.
 */
import { errors } from '../errors.js';
import { ids } from '../crypto/random.js';
import { identityPoolsRepo, type IdentityPoolRow } from '../store/identity-pools-repo.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import { oidcKeyOf, mappingKeyMatches, userPoolIdOf } from './provider-names.js';
import { getOidcProvider } from '../iam-admin/oidc-providers.js';
import type { Services } from '../services.js';
import type { IdentityPool, PoolSettings, PrincipalTagMap, RoleMapping } from './types.js';

const MAX_RULES = 25;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const POOL_ARN = /^arn:aws:cognito-identity:([a-z0-9-]+):(\d{12}):identitypool\/([\w-]+:[0-9a-f-]+)$/;

export const identityPoolArn = (svc: Services, id: string) => `arn:aws:cognito-identity:${id.split(':')[0]}:${svc.config.accountId}:identitypool/${id}`;

export const notFound = (id: string) => errors.resourceNotFound(`IdentityPool '${id}' not found.`);

function rowToPool(row: IdentityPoolRow): IdentityPool {
  return {
    id: row.id,
    name: row.name,
    settings: JSON.parse(row.config) as PoolSettings,
    roles: JSON.parse(row.roles) as Record<string, string>,
    roleMappings: JSON.parse(row.role_mappings) as Record<string, RoleMapping>,
    tagMaps: JSON.parse(row.tag_maps) as Record<string, PrincipalTagMap>,
    tags: JSON.parse(row.tags) as Record<string, string>,
  };
}

export async function getIdentityPool(svc: Services, id: string): Promise<IdentityPool> {
  const row = await identityPoolsRepo.get(svc.db, id);
  if (!row) throw notFound(id);
  return rowToPool(row);
}

export function describePool(p: IdentityPool): Record<string, unknown> {
  const s = p.settings;
  return {
    IdentityPoolId: p.id,
    IdentityPoolName: p.name,
    AllowUnauthenticatedIdentities: s.AllowUnauthenticatedIdentities,
    AllowClassicFlow: s.AllowClassicFlow ?? false,
    SupportedLoginProviders: s.SupportedLoginProviders ?? {},
    ...(s.DeveloperProviderName !== undefined ? { DeveloperProviderName: s.DeveloperProviderName } : {}),
    OpenIdConnectProviderARNs: s.OpenIdConnectProviderARNs ?? [],
    CognitoIdentityProviders: s.CognitoIdentityProviders ?? [],
    SamlProviderARNs: s.SamlProviderARNs ?? [],
    IdentityPoolTags: p.tags,
  };
}

export interface PoolInput extends PoolSettings { IdentityPoolName: string; IdentityPoolTags?: Record<string, string> }

async function checkSettings(svc: Services, input: PoolInput): Promise<PoolSettings> {
  for (const [i, p] of (input.CognitoIdentityProviders ?? []).entries()) {
    if (!p.ProviderName || !p.ClientId) throw errors.invalidParameter(`CognitoIdentityProviders[${i}] needs both ProviderName and ClientId.`);
    if (!userPoolIdOf(svc, p.ProviderName)) {
      throw errors.invalidParameter(
        `CognitoIdentityProviders[${i}].ProviderName '${p.ProviderName}' does not name a user pool: use cognito-idp.{region}.amazonaws.com/{userPoolId} or the user pool's token issuer without its scheme.`,
      );
    }
  }
  for (const arn of input.OpenIdConnectProviderARNs ?? []) {
    if (!oidcKeyOf(arn)) throw errors.invalidParameter(`OpenIdConnectProviderARNs: '${arn}' is not an IAM OIDC provider ARN (arn:aws:iam::{account}:oidc-provider/{host/path}).`);
    if (!(await getOidcProvider(svc, arn).then(() => true, () => false))) {
      throw errors.invalidParameter(`OpenIdConnectProviderARNs: the IAM OpenID Connect provider '${arn}' does not exist; create it with IAM CreateOpenIDConnectProvider first.`);
    }
  }
  const { IdentityPoolName: _n, IdentityPoolTags: _t, ...settings } = input;
  return settings;
}

export async function createIdentityPool(svc: Services, input: PoolInput): Promise<Record<string, unknown>> {
  const settings = await checkSettings(svc, input);
  const now = svc.clock.now();
  const row: IdentityPoolRow = {
    id: `${svc.config.region}:${ids.uuid()}`,
    name: input.IdentityPoolName,
    config: JSON.stringify(settings),
    roles: '{}',
    role_mappings: '{}',
    tag_maps: '{}',
    tags: JSON.stringify(input.IdentityPoolTags ?? {}),
    created_at: now,
    updated_at: now,
  };
  await identityPoolsRepo.insert(svc.db, row);
  return describePool(rowToPool(row));
}

/** UpdateIdentityPool: every setting is replaced by the request; the developer provider name cannot change once set. */
export async function updateIdentityPool(svc: Services, id: string, input: PoolInput): Promise<Record<string, unknown>> {
  const current = await getIdentityPool(svc, id);
  const settings = await checkSettings(svc, input);
  const was = current.settings.DeveloperProviderName;
  if (was !== undefined && settings.DeveloperProviderName !== was) {
    throw errors.invalidParameter(`DeveloperProviderName cannot be changed once set (it is '${was}').`);
  }
  const fields = {
    name: input.IdentityPoolName,
    config: JSON.stringify(settings),
    ...(input.IdentityPoolTags !== undefined ? { tags: JSON.stringify(input.IdentityPoolTags) } : {}),
    updated_at: svc.clock.now(),
  };
  if (!(await identityPoolsRepo.update(svc.db, id, fields))) throw notFound(id);
  return describePool(await getIdentityPool(svc, id));
}

export async function deleteIdentityPool(svc: Services, id: string): Promise<void> {
  if (!(await identityPoolsRepo.deleteCascade(svc.db, id))) throw notFound(id);
}

export async function listIdentityPools(svc: Services, maxResults: number, nextToken?: string) {
  const rows = await identityPoolsRepo.page(svc.db, afterKey('identity-pools', nextToken), maxResults);
  const { items, next } = splitPage(rows, maxResults, 'identity-pools', (r) => r.id);
  const IdentityPools = items.map((r) => ({ IdentityPoolId: r.id, IdentityPoolName: r.name }));
  return next ? { IdentityPools, NextToken: next } : { IdentityPools };
}

function checkRoleArn(arn: string, where: string): void {
  if (!ROLE_ARN.test(arn)) throw errors.invalidParameter(`${where}: '${arn}' is not an IAM role ARN (arn:aws:iam::{account}:role/{name}).`);
}

/** True when the key names a provider the pool trusts (user pools as `{provider}:{clientId}`). */
function mappingKeyKnown(svc: Services, s: PoolSettings, key: string): boolean {
  for (const p of s.CognitoIdentityProviders ?? []) {
    const userPoolId = userPoolIdOf(svc, p.ProviderName!);
    if (userPoolId && mappingKeyMatches(svc, key, { provider: p.ProviderName!, userPoolId, clientId: p.ClientId })) return true;
  }
  if (s.SupportedLoginProviders && key in s.SupportedLoginProviders) return true;
  return (s.OpenIdConnectProviderARNs ?? []).some((arn) => oidcKeyOf(arn) === key) || (s.SamlProviderARNs ?? []).includes(key);
}

export async function setIdentityPoolRoles(svc: Services, id: string, roles: Record<string, string>, mappings: Record<string, RoleMapping> = {}): Promise<void> {
  const pool = await getIdentityPool(svc, id);
  for (const [type, arn] of Object.entries(roles)) checkRoleArn(arn, `Roles.${type}`);
  for (const [key, m] of Object.entries(mappings)) {
    if (!mappingKeyKnown(svc, pool.settings, key)) {
      throw errors.invalidParameter(`RoleMappings key '${key}' is not a provider of this identity pool (user pools are keyed '{ProviderName}:{ClientId}').`);
    }
    if (!m.AmbiguousRoleResolution) throw errors.invalidParameter(`RoleMappings['${key}'].AmbiguousRoleResolution is required for Type ${m.Type}.`);
    if (m.Type === 'Rules') {
      const rules = m.RulesConfiguration?.Rules;
      if (!rules) throw errors.invalidParameter(`RoleMappings['${key}'].RulesConfiguration is required for Type Rules.`);
      if (rules.length > MAX_RULES) throw errors.invalidParameter(`RoleMappings['${key}'] has ${rules.length} rules; at most ${MAX_RULES} are allowed per provider.`);
      rules.forEach((r, i) => checkRoleArn(r.RoleARN, `RoleMappings['${key}'].RulesConfiguration.Rules[${i}].RoleARN`));
    } else if (m.RulesConfiguration) {
      throw errors.invalidParameter(`RoleMappings['${key}'].RulesConfiguration is only allowed for Type Rules.`);
    }
  }
  if (!(await identityPoolsRepo.update(svc.db, id, { roles: JSON.stringify(roles), role_mappings: JSON.stringify(mappings), updated_at: svc.clock.now() }))) throw notFound(id);
}

export async function getIdentityPoolRoles(svc: Services, id: string) {
  const pool = await getIdentityPool(svc, id);
  return { IdentityPoolId: id, Roles: pool.roles, RoleMappings: pool.roleMappings };
}

/** Applies a change to one JSON column with compare-and-set, retrying on a concurrent write. */
async function mutate<T>(svc: Services, id: string, column: 'tags' | 'tag_maps', change: (current: T) => T): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await identityPoolsRepo.get(svc.db, id);
    if (!row) throw notFound(id);
    const next = change(JSON.parse(row[column]) as T);
    if (await identityPoolsRepo.updateIf(svc.db, id, column, row[column], { [column]: JSON.stringify(next), updated_at: svc.clock.now() })) return next;
  }
  throw errors.concurrentModification(`IdentityPool '${id}' was changed concurrently; retry the request.`);
}

export async function setPrincipalTagMap(svc: Services, id: string, provider: string, map: PrincipalTagMap) {
  await mutate<Record<string, PrincipalTagMap>>(svc, id, 'tag_maps', (cur) => ({ ...cur, [provider]: map }));
  return { IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: map.UseDefaults, PrincipalTags: map.PrincipalTags };
}

export async function getPrincipalTagMap(svc: Services, id: string, provider: string) {
  const pool = await getIdentityPool(svc, id);
  const map = pool.tagMaps[provider] ?? { UseDefaults: false, PrincipalTags: {} };
  return { IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: map.UseDefaults, PrincipalTags: map.PrincipalTags };
}

const MAX_TAGS = 50;

function poolIdOfArn(svc: Services, arn: string): string {
  const m = POOL_ARN.exec(arn);
  if (!m || m[2] !== svc.config.accountId || m[3]!.split(':')[0] !== m[1]) throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
  return m[3]!;
}

async function tagsMutation(svc: Services, arn: string, change: (cur: Record<string, string>) => Record<string, string>) {
  const id = poolIdOfArn(svc, arn);
  try {
    return await mutate(svc, id, 'tags', change);
  } catch (e) {
    if (e instanceof Error && 'type' in e && e.type === 'ResourceNotFoundException') throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
    throw e;
  }
}

export const tagIdentityPool = (svc: Services, arn: string, tags: Record<string, string>) =>
  tagsMutation(svc, arn, (cur) => {
    const next = { ...cur, ...tags };
    if (Object.keys(next).length > MAX_TAGS) throw errors.invalidParameter(`An identity pool can have at most ${MAX_TAGS} tags.`);
    return next;
  });

export const untagIdentityPool = (svc: Services, arn: string, keys: readonly string[]) =>
  tagsMutation(svc, arn, (cur) => Object.fromEntries(Object.entries(cur).filter(([k]) => !keys.includes(k))));

export async function identityPoolTags(svc: Services, arn: string): Promise<Record<string, string>> {
  const row = await identityPoolsRepo.get(svc.db, poolIdOfArn(svc, arn));
  if (!row) throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
  return JSON.parse(row.tags) as Record<string, string>;
}
