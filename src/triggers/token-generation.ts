/**
 * PreTokenGeneration, V1 (ID-token claims and groups) and V2/V3 (ID and access tokens, scopes, any JSON claim
 * value). The handler's answer is vetted here before it reaches the token minter: reserved claims (Cognito's
 * list plus ours in PROTECTED_CLAIMS) are never added, overridden or suppressed, group claims change only through
 * groupOverrideDetails, and a claim both added and suppressed is suppressed. The minter applies the result;
 * this module never signs anything.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import type { UserGroup } from '../users/lookup.js';
import { ADMIN_SCOPE, PROTECTED_CLAIMS } from '../tokens/claims.js';
import { callTrigger, triggerFunction, type TriggerResponse } from './invoke.js';
import { eventAttributes, metadata } from './events.js';

export type TokenSource =
  | 'TokenGeneration_HostedAuth' | 'TokenGeneration_Authentication' | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice' | 'TokenGeneration_RefreshTokens';

const RESERVED = new Set([
  ...PROTECTED_CLAIMS, 'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities', 'iss', 'jti',
  'nbf', 'nonce', 'origin_jti', 'sub', 'token_use', 'scope', 'client_id', 'username', 'version', 'device_key', 'event_id',
]);
const GROUP_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'cognito:preferred_role']);

export interface TokenCustomization {
  extraIdClaims: Record<string, unknown>;
  suppressIdClaims: string[];
  extraAccessClaims: Record<string, unknown>;
  suppressAccessClaims: string[];
}

const invalid = (what: string) => errors.invalidLambdaResponse(`Invalid lambda response: ${what}`);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalid(`${what} must be a list of strings`);
  return v as string[];
}

/** Claims to add (filtered) and to suppress (filtered) from one `*Generation` block. */
function claimsOf(block: unknown, what: string, stringsOnly: boolean): { add: Record<string, unknown>; suppress: string[] } {
  if (block === undefined || block === null) return { add: {}, suppress: [] };
  if (!isObject(block)) throw invalid(`${what} must be an object`);
  const suppress = stringList(block.claimsToSuppress, `${what}.claimsToSuppress`).filter((c) => !RESERVED.has(c) && !GROUP_CLAIMS.has(c));
  const add: Record<string, unknown> = {};
  const given = block.claimsToAddOrOverride;
  if (given !== undefined && given !== null) {
    if (!isObject(given)) throw invalid(`${what}.claimsToAddOrOverride must be a map`);
    for (const [k, v] of Object.entries(given)) {
      if (v === null || v === undefined) continue;
      if (stringsOnly && typeof v !== 'string') throw invalid(`${what}.claimsToAddOrOverride.${k} must be a string`);
      if (RESERVED.has(k) || GROUP_CLAIMS.has(k) || suppress.includes(k)) continue;
      add[k] = v;
    }
  }
  return { add, suppress };
}

/** groupOverrideDetails → the group claims to put (or drop, when the override is empty) in both tokens. */
function groupOverride(v: unknown): { id: Record<string, unknown>; access: Record<string, unknown>; drop: string[] } | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalid('groupOverrideDetails must be an object');
  const groups = stringList(v.groupsToOverride, 'groupsToOverride');
  const roles = stringList(v.iamRolesToOverride, 'iamRolesToOverride');
  const preferred = v.preferredRole;
  if (preferred !== undefined && preferred !== null && typeof preferred !== 'string') throw invalid('preferredRole must be a string');
  const id: Record<string, unknown> = {};
  const drop: string[] = [];
  if (groups.length) id['cognito:groups'] = groups;
  else drop.push('cognito:groups');
  if (roles.length) id['cognito:roles'] = roles;
  else drop.push('cognito:roles');
  if (typeof preferred === 'string' && preferred) id['cognito:preferred_role'] = preferred;
  else drop.push('cognito:preferred_role');
  return { id, access: groups.length ? { 'cognito:groups': groups } : {}, drop };
}

export interface PreTokenInput {
  pool: UserPool;
  client: PoolClient;
  user: UserRecord;
  groups: readonly UserGroup[];
  source: TokenSource;
  scopes?: readonly string[];
  clientMetadata?: Readonly<Record<string, string>>;
}

/** Runs PreTokenGeneration when the pool has it; undefined when it has none. */
export async function preTokenGeneration(svc: Services, input: PreTokenInput): Promise<TokenCustomization | undefined> {
  const fn = triggerFunction(input.pool, 'PreTokenGeneration');
  if (!fn) return undefined;
  const roles = [...new Set(input.groups.filter((g) => g.roleArn).map((g) => g.roleArn!))];
  const request: Record<string, unknown> = {
    userAttributes: eventAttributes(input.pool, input.user),
    groupConfiguration: { groupsToOverride: input.groups.map((g) => g.name), iamRolesToOverride: roles, preferredRole: null },
  };
  const scopes = input.scopes && input.scopes.length ? [...input.scopes] : [ADMIN_SCOPE];
  if (fn.version !== '1') request.scopes = scopes;
  if (input.clientMetadata) request.clientMetadata = metadata(input.clientMetadata);
  const r = await callTrigger(svc, input.pool, {
    trigger: 'PreTokenGeneration',
    triggerSource: input.source,
    userName: input.user.username,
    clientId: input.client.id,
    request,
    response: fn.version === '1' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  });
  return r ? (fn.version === '1' ? fromV1(r) : fromV2(r, scopes)) : undefined;
}

function fromV1(r: TriggerResponse): TokenCustomization {
  const d = r.claimsOverrideDetails;
  const out: TokenCustomization = { extraIdClaims: {}, suppressIdClaims: [], extraAccessClaims: {}, suppressAccessClaims: [] };
  if (d === undefined || d === null) return out;
  if (!isObject(d)) throw invalid('claimsOverrideDetails must be an object');
  const id = claimsOf(d, 'claimsOverrideDetails', true);
  out.extraIdClaims = id.add;
  out.suppressIdClaims = id.suppress;
  applyGroups(out, d.groupOverrideDetails);
  return out;
}

function fromV2(r: TriggerResponse, scopes: string[]): TokenCustomization {
  const d = r.claimsAndScopeOverrideDetails;
  const out: TokenCustomization = { extraIdClaims: {}, suppressIdClaims: [], extraAccessClaims: {}, suppressAccessClaims: [] };
  if (d === undefined || d === null) return out;
  if (!isObject(d)) throw invalid('claimsAndScopeOverrideDetails must be an object');
  const id = claimsOf(d.idTokenGeneration, 'idTokenGeneration', false);
  const at = claimsOf(d.accessTokenGeneration, 'accessTokenGeneration', false);
  out.extraIdClaims = id.add;
  out.suppressIdClaims = id.suppress;
  out.extraAccessClaims = at.add;
  out.suppressAccessClaims = at.suppress;
  if (isObject(d.accessTokenGeneration)) {
    const add = stringList(d.accessTokenGeneration.scopesToAdd, 'scopesToAdd');
    const drop = new Set(stringList(d.accessTokenGeneration.scopesToSuppress, 'scopesToSuppress'));
    if (add.length || drop.size) {
      const next = [...new Set([...scopes, ...add])].filter((s) => !drop.has(s) && !/\s/.test(s) && s.length > 0);
      out.extraAccessClaims.scope = next.join(' ');
    }
  }
  applyGroups(out, d.groupOverrideDetails);
  return out;
}

function applyGroups(out: TokenCustomization, details: unknown): void {
  const g = groupOverride(details);
  if (!g) return;
  Object.assign(out.extraIdClaims, g.id);
  Object.assign(out.extraAccessClaims, g.access);
  out.suppressIdClaims.push(...g.drop);
  if (!('cognito:groups' in g.access)) out.suppressAccessClaims.push('cognito:groups');
}
