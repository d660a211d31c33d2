/**
 * Claim sets of Cognito's ID and access tokens (spec/tokens.md §2, §3), built from a user record, its groups
 * and the app client. Pure: no I/O, no signing, no clock — callers pass every instant in.
 */
import type { PoolClient, UserRecord } from '../user-pools/types.js';
import type { UserGroup } from '../users/lookup.js';
import type { Services } from '../services.js';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** `{publicUrl}/{poolId}`: the `iss` of every token of the pool; its JWKS lives under it. */
export function issuerFor(svc: Services, poolId: string): string {
  return `${svc.config.publicUrl.replace(/\/+$/, '')}/${poolId}`;
}

const BOOLEAN_ATTRS = new Set(['email_verified', 'phone_number_verified']);

/** One attribute's value as the ID token carries it. */
function claimValue(name: string, value: string): unknown {
  if (BOOLEAN_ATTRS.has(name)) return value === 'true';
  if (name === 'updated_at') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (name === 'address') {
    try {
      const parsed = JSON.parse(value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // a plain address string is the "formatted" member
    }
    return { formatted: value };
  }
  if (name === 'identities') {
    try {
      const list = JSON.parse(value) as unknown;
      // The ID token shows primary and dateCreated as strings, unlike the stored attribute (spec/tokens.md §2).
      if (!Array.isArray(list)) return list;
      return list.map((e: Record<string, unknown>) =>
        e && typeof e === 'object' ? { ...e, primary: String(e.primary), dateCreated: String(e.dateCreated) } : e,
      );
    } catch {
      return value;
    }
  }
  return value;
}

/** The user's attributes the client may read (all when ReadAttributes is unset), as ID-token claims. */
export function attributeClaims(user: UserRecord, client: PoolClient): Record<string, unknown> {
  const readable = Array.isArray(client.config.ReadAttributes) ? new Set<string>(client.config.ReadAttributes as string[]) : undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || value === undefined || value === null) continue;
    if (readable && !readable.has(name)) continue;
    out[name] = claimValue(name, String(value));
  }
  return out;
}

/** `cognito:groups`, `cognito:roles` and `cognito:preferred_role` for a user's groups (best precedence first). */
export function groupClaims(groups: readonly UserGroup[]): Record<string, unknown> {
  if (groups.length === 0) return {};
  const out: Record<string, unknown> = { 'cognito:groups': groups.map((g) => g.name) };
  const withRoles = groups.filter((g) => g.roleArn);
  if (withRoles.length > 0) {
    out['cognito:roles'] = [...new Set(withRoles.map((g) => g.roleArn!))];
    const prec = (g: UserGroup) => (typeof g.precedence === 'number' ? g.precedence : Number.POSITIVE_INFINITY);
    const best = Math.min(...withRoles.map(prec));
    // Cognito names a preferred role only when one role wins outright on precedence.
    const bestRoles = new Set(withRoles.filter((g) => prec(g) === best).map((g) => g.roleArn!));
    if (bestRoles.size === 1) out['cognito:preferred_role'] = [...bestRoles][0];
  }
  return out;
}

/** Claims no customisation (pre-token-generation trigger) may add, override or suppress. */
export const PROTECTED_CLAIMS = new Set([
  'iss', 'sub', 'aud', 'azp', 'token_use', 'auth_time', 'iat', 'exp', 'nbf', 'jti', 'origin_jti', 'event_id', 'at_hash', 'c_hash',
  'nonce', 'acr', 'amr', 'identities', 'cognito:username', 'client_id', 'username', 'device_key', 'version',
]);

/** Applies vetted customisation: adds/overrides and suppressions of unprotected claims only. */
export function customize(base: Record<string, unknown>, add: Record<string, unknown> = {}, suppress: readonly string[] = []): Record<string, unknown> {
  const out = { ...base };
  for (const name of suppress) if (!PROTECTED_CLAIMS.has(name)) delete out[name];
  for (const [name, value] of Object.entries(add)) if (!PROTECTED_CLAIMS.has(name) && value !== undefined) out[name] = value;
  return out;
}

export interface ClaimContext {
  issuer: string;
  client: PoolClient;
  user: UserRecord;
  groups: readonly UserGroup[];
  authTime: number; // seconds
  iat: number; // seconds
  originJti: string;
  eventId?: string;
}

/** Cognito puts origin_jti in tokens only for clients with token revocation (the default). */
const originClaim = (c: ClaimContext) => (c.client.config.EnableTokenRevocation === false ? {} : { origin_jti: c.originJti });

export function idTokenClaims(c: ClaimContext, jti: string, exp: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const groups = groupClaims(c.groups);
  return {
    sub: c.user.sub,
    ...groups,
    ...attributeClaims(c.user, c.client),
    iss: c.issuer,
    'cognito:username': c.user.username,
    ...originClaim(c),
    aud: c.client.id,
    ...(c.eventId ? { event_id: c.eventId } : {}),
    token_use: 'id',
    auth_time: c.authTime,
    ...extra,
    exp,
    iat: c.iat,
    jti,
  };
}

export function accessTokenClaims(
  c: ClaimContext,
  jti: string,
  exp: number,
  opts: { scopes?: readonly string[]; deviceKey?: string; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const groups = c.groups.length > 0 ? { 'cognito:groups': c.groups.map((g) => g.name) } : {};
  return {
    sub: c.user.sub,
    ...groups,
    iss: c.issuer,
    client_id: c.client.id,
    ...originClaim(c),
    ...(c.eventId ? { event_id: c.eventId } : {}),
    token_use: 'access',
    scope: opts.scopes && opts.scopes.length > 0 ? opts.scopes.join(' ') : ADMIN_SCOPE,
    auth_time: c.authTime,
    ...(opts.deviceKey ? { device_key: opts.deviceKey } : {}),
    ...(opts.extra ?? {}),
    exp,
    iat: c.iat,
    jti,
    username: c.user.username,
  };
}
