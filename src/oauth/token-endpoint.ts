/**
 * The rules of POST /oauth2/token (RFC 6749 §4.1.3, §4.4, §6): after client authentication, one of the
 * grants authorization_code (exact redirect URI, PKCE, single use), refresh_token (the same client, the
 * grant's scopes kept) or client_credentials (confidential clients with the flow enabled, resource-server
 * scopes only). Every refusal is an OAuthError; parameters it does not know are ignored (RFC 6749 §3.2).
 */
import { ServiceError } from '../errors.js';
import { issueClientCredentialsToken } from '../tokens/issue.js';
import { refreshWithToken } from '../tokens/refresh.js';
import { ADMIN_SCOPE } from '../tokens/claims.js';
import { getPool } from '../user-pools/pools.js';
import { redeemAuthorizationCode } from './authorization-codes.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import { oauthError } from './errors.js';
import { assertFlowAllowed, grantScopes } from './scopes.js';
import { issueOAuthTokens, scopesOf, toOAuthResponse, type OAuthTokenResponse } from './tokens.js';
import type { PoolClient } from '../user-pools/types.js';
import type { Services } from '../services.js';

export interface TokenRequest {
  authorization?: string;
  form: URLSearchParams;
}

const required = (form: URLSearchParams, name: string): string => {
  const v = form.get(name);
  if (v === null || v === '') throw oauthError('invalid_request', `${name} is required.`);
  return v;
};
const optional = (form: URLSearchParams, name: string): string | undefined => {
  const v = form.get(name);
  return v === null || v === '' ? undefined : v;
};

export async function tokenRequest(svc: Services, req: TokenRequest): Promise<OAuthTokenResponse> {
  const grantType = required(req.form, 'grant_type');
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
    throw oauthError('unsupported_grant_type', `grant_type ${grantType} is not supported.`);
  }
  const client = await authenticateClient(svc, presentedCredentials(req.authorization, req.form));
  if (grantType === 'authorization_code') return codeGrant(svc, client, req.form);
  if (grantType === 'refresh_token') return refreshGrant(svc, client, req.form);
  return clientCredentialsGrant(svc, client, req.form);
}

async function codeGrant(svc: Services, client: PoolClient, form: URLSearchParams): Promise<OAuthTokenResponse> {
  const code = required(form, 'code');
  const redirectUri = required(form, 'redirect_uri');
  assertFlowAllowed(client, 'code');
  const r = await redeemAuthorizationCode(svc, { client, code, redirectUri, codeVerifier: optional(form, 'code_verifier') });
  return issueOAuthTokens(svc, {
    pool: r.pool,
    client,
    user: r.user,
    scopes: r.scopes,
    authTime: r.authTime,
    nonce: r.nonce,
    identities: r.identities,
    originJti: r.originJti,
    withRefreshToken: true,
  });
}

async function refreshGrant(svc: Services, client: PoolClient, form: URLSearchParams): Promise<OAuthTokenResponse> {
  const refreshToken = required(form, 'refresh_token');
  let result;
  try {
    result = await refreshWithToken(svc, { client, refreshToken, flow: 'oauth2' });
  } catch (e) {
    // Revoked, expired, reused, another client's or unknown: all invalid_grant on this endpoint.
    if (e instanceof ServiceError && e.status < 500) throw oauthError('invalid_grant', e.message);
    throw e;
  }
  const scopes = scopesOf(result.AccessToken);
  // A refresh token from an API sign-in (scope aws.cognito.signin.user.admin only) still gets its ID token.
  const legacy = scopes.length === 1 && scopes[0] === ADMIN_SCOPE;
  return toOAuthResponse(result, legacy ? [...scopes, 'openid'] : scopes);
}

async function clientCredentialsGrant(svc: Services, client: PoolClient, form: URLSearchParams): Promise<OAuthTokenResponse> {
  if (client.secret === undefined) throw oauthError('unauthorized_client', 'client_credentials requires a client with a secret.');
  assertFlowAllowed(client, 'client_credentials');
  const scopes = await grantScopes(svc, client, optional(form, 'scope'), { onlyCustom: true });
  const pool = await getPool(svc, client.poolId);
  const t = await issueClientCredentialsToken(svc, { pool, client, scopes });
  return { access_token: t.AccessToken, expires_in: t.ExpiresIn, token_type: 'Bearer' };
}
