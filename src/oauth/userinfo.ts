/**
 * The claims /oauth2/userInfo returns for an access token (OIDC Core §5.3, Cognito's userInfo endpoint): the
 * token must be valid, unrevoked, for an enabled user and carry `openid` (tokens from InitiateAuth do not, and
 * are refused as Cognito refuses them). `openid` alone returns every attribute the client may read; with
 * `profile`, `email` or `phone` only those groups (plus `sub` and `username`). Values are strings, as
 * Cognito sends them (`"email_verified": "true"`). It never returns an attribute the client cannot read.
 */
import { ServiceError } from '../errors.js';
import { authenticateAccessToken } from '../tokens/access-token.js';
import { getClient } from '../user-pools/pools.js';
import { OAuthError } from './errors.js';
import type { Services } from '../services.js';

const PROFILE = new Set([
  'name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender',
  'birthdate', 'zoneinfo', 'locale', 'updated_at',
]);
const EMAIL = new Set(['email', 'email_verified']);
const PHONE = new Set(['phone_number', 'phone_number_verified']);

/** Whether the scope set lets an attribute through. */
function scopeAllows(scopes: readonly string[], name: string): boolean {
  const narrowed = scopes.includes('profile') || scopes.includes('email') || scopes.includes('phone');
  if (!narrowed) return true;
  if (scopes.includes('profile') && (PROFILE.has(name) || name.startsWith('custom:'))) return true;
  if (scopes.includes('email') && EMAIL.has(name)) return true;
  return scopes.includes('phone') && PHONE.has(name);
}

export async function userInfo(svc: Services, accessToken: string): Promise<Record<string, string>> {
  let access;
  try {
    access = await authenticateAccessToken(svc, accessToken, { requiredScope: 'openid' });
  } catch (e) {
    if (e instanceof ServiceError && e.status < 500) {
      throw new OAuthError(
        'invalid_token',
        e.message === 'Access Token does not have required scopes'
          ? 'Access token does not contain openid scope'
          : 'Access token is expired, disabled, or deleted, or the user has globally signed out.',
      );
    }
    throw e;
  }
  const client = await getClient(svc, access.clientId).catch(() => undefined);
  if (!client || client.poolId !== access.pool.id) throw new OAuthError('invalid_token', 'Access token is expired, disabled, or deleted, or the user has globally signed out.');
  const readable = Array.isArray(client.config.ReadAttributes) ? new Set<string>(client.config.ReadAttributes as string[]) : undefined;
  const out: Record<string, string> = { sub: access.user.sub };
  for (const [name, value] of Object.entries(access.user.attributes)) {
    if (name === 'sub' || name.startsWith('dev:') || value === undefined || value === null) continue;
    if (readable && !readable.has(name)) continue;
    if (!scopeAllows(access.scopes, name)) continue;
    out[name] = String(value);
  }
  out.username = access.user.username;
  return out;
}
