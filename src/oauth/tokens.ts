/**
 * Scope-aware tokens for the OAuth endpoints, in the token endpoint's JSON shape: the access token carries
 * the granted scopes (and `version: 2`), the ID token exists only when `openid` was granted and then carries
 * `nonce` and `at_hash`, and a refresh token is recorded with its scopes so refreshes keep them. The hosted UI
 * (implicit flow) and the token endpoint share it. It decides nothing about whether the user may sign in.
 */
import { decodeJwt } from 'jose';
import { issueTokens } from '../tokens/issue.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import type { Services } from '../services.js';

export interface OAuthTokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

export interface IssueOAuthTokensInput {
  pool: UserPool;
  client: PoolClient;
  user: UserRecord;
  scopes: readonly string[];
  /** Epoch seconds of the sign-in. */
  authTime: number;
  nonce?: string;
  identities?: unknown;
  /** The authentication these tokens belong to (an authorization code's redemption); default a new one. */
  originJti?: string;
  withRefreshToken: boolean;
}

export async function issueOAuthTokens(svc: Services, input: IssueOAuthTokensInput): Promise<OAuthTokenResponse> {
  const r = await issueTokens(svc, {
    pool: input.pool,
    client: input.client,
    user: input.user,
    authTime: input.authTime,
    originJti: input.originJti,
    withRefreshToken: input.withRefreshToken,
    scopes: input.scopes,
    oauth: { nonce: input.nonce, atHash: true, identities: input.identities },
  });
  return toOAuthResponse(r, input.scopes);
}

/** An AuthenticationResult as the token endpoint returns it (no ID token without `openid`). */
export function toOAuthResponse(
  r: { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn: number },
  scopes?: readonly string[],
): OAuthTokenResponse {
  const granted = scopes ?? scopesOf(r.AccessToken);
  const out: OAuthTokenResponse = { access_token: r.AccessToken, expires_in: r.ExpiresIn, token_type: 'Bearer' };
  if (granted.includes('openid')) out.id_token = r.IdToken;
  if (r.RefreshToken !== undefined) out.refresh_token = r.RefreshToken;
  return out;
}

/** The scope claim of an access token we just minted. */
export function scopesOf(accessToken: string): string[] {
  const scope = decodeJwt(accessToken).scope;
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}
