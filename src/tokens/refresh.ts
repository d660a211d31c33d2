/**
 * Renewing tokens with a refresh token (GetTokensFromRefreshToken, InitiateAuth REFRESH_TOKEN_AUTH,
 * /oauth2/token): new ID and access tokens for the same authentication (same origin_jti and auth_time). The
 * refresh token is bound to the client it was issued to. With RefreshTokenRotation ENABLED a new refresh token
 * replaces the presented one, which keeps working for RetryGracePeriodSeconds (client retries) and is then
 * refused with RefreshTokenReuseException. It never issues tokens for a disabled, deleted or signed-out user.
 */
import { errors } from '../errors.js';
import { getPool } from '../user-pools/pools.js';
import { userByKey } from '../users/lookup.js';
import { refreshTokensRepo } from '../store/refresh-tokens-repo.js';
import { findRefreshToken, hashRefreshToken, mintRefreshToken } from './refresh-tokens.js';
import { issueTokens, type AuthenticationResult } from './issue.js';
import { clientValidity } from './validity.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import type { RefreshTokensTable } from '../store/tables.js';
import type { Services } from '../services.js';

const invalidToken = () => errors.notAuthorized('Invalid Refresh Token');

export function rotationEnabled(client: PoolClient): boolean {
  return client.config.RefreshTokenRotation?.Feature === 'ENABLED';
}

interface Resolved { row: RefreshTokensTable; pool: UserPool; user: UserRecord }

/** Checks a refresh token for a client and loads its pool and user; throws Cognito's NotAuthorized messages. */
async function resolve(svc: Services, client: PoolClient, refreshToken: string): Promise<Resolved> {
  const row = await findRefreshToken(svc, refreshToken);
  if (!row || row.client_id !== client.id || row.pool_id !== client.poolId) throw invalidToken();
  const now = svc.clock.now();
  if (row.revoked_at !== null) throw errors.notAuthorized('Refresh Token has been revoked');
  if (row.expires_at <= now) throw errors.notAuthorized('Refresh Token has expired');
  if (row.replaced_at !== null) {
    const grace = Number(client.config.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0);
    if (now > row.replaced_at + grace * 1000) throw errors.refreshTokenReuse('The refresh token has already been used to get new tokens (refresh token rotation).');
  }
  const [pool, user] = await Promise.all([getPool(svc, row.pool_id), userByKey(svc, row.pool_id, row.username_key)]);
  if (!user) throw errors.notAuthorized('User does not exist.');
  if (row.created_at < user.tokensValidAfter) throw errors.notAuthorized('Refresh Token has been revoked');
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return { row, pool, user };
}

export interface RefreshInput {
  client: PoolClient;
  refreshToken: string;
  deviceKey?: string;
  /** The API used: REFRESH_TOKEN_AUTH cannot complete a rotation (Cognito requires GetTokensFromRefreshToken). */
  flow?: 'GetTokensFromRefreshToken' | 'REFRESH_TOKEN_AUTH' | 'oauth2';
  /** GetTokensFromRefreshToken's ClientMetadata, for the PreTokenGeneration event. */
  clientMetadata?: Readonly<Record<string, string>>;
}

/** New tokens for a refresh token, as Cognito's AuthenticationResult. */
export async function refreshWithToken(svc: Services, input: RefreshInput): Promise<AuthenticationResult> {
  const { client } = input;
  const rotate = rotationEnabled(client);
  if (rotate && input.flow === 'REFRESH_TOKEN_AUTH') {
    throw errors.notAuthorized(`Refresh token rotation is enabled for client ${client.id}; refresh with GetTokensFromRefreshToken.`);
  }
  const { row, pool, user } = await resolve(svc, client, input.refreshToken);
  if (input.deviceKey !== undefined && row.device_key !== null && input.deviceKey !== row.device_key) throw invalidToken();
  const deviceKey = row.device_key ?? input.deviceKey;
  // A grant made by the OAuth endpoints keeps its scopes (and OAuth token shape) on every refresh.
  const scopes = row.scopes ? row.scopes.split(' ').filter(Boolean) : undefined;
  const result = await issueTokens(svc, {
    ...(scopes ? { scopes, oauth: {} } : {}),
    pool,
    client,
    user,
    authTime: Math.floor(row.auth_time / 1000),
    originJti: row.origin_jti,
    deviceKey,
    withRefreshToken: false,
    triggerSource: 'TokenGeneration_RefreshTokens',
    clientMetadata: input.clientMetadata,
  });
  if (rotate) {
    const now = svc.clock.now();
    result.RefreshToken = await mintRefreshToken(svc, {
      poolId: pool.id,
      clientId: client.id,
      usernameKey: user.usernameKey,
      originJti: row.origin_jti,
      authTimeMs: row.auth_time,
      deviceKey: row.device_key ?? undefined,
      expiresAt: now + clientValidity(client).refreshSeconds * 1000,
      createdAt: now,
      scopes,
    });
    await refreshTokensRepo.markReplaced(svc.db, hashRefreshToken(input.refreshToken), now);
  }
  return result;
}

/**
 * Who a refresh token belongs to, without using it: the user's canonical username (for SECRET_HASH on
 * REFRESH_TOKEN_AUTH) and the client it was issued to. Undefined for tokens we never issued or whose user is gone.
 */
export async function peekRefreshToken(svc: Services, token: string): Promise<{ username: string; clientId: string; poolId: string } | undefined> {
  const row = await findRefreshToken(svc, token);
  if (!row) return undefined;
  const user = await userByKey(svc, row.pool_id, row.username_key);
  if (!user) return undefined;
  return { username: user.username, clientId: row.client_id, poolId: row.pool_id };
}

/** The canonical username behind a refresh token issued to this client (SECRET_HASH on REFRESH_TOKEN_AUTH). */
export async function refreshTokenUsername(svc: Services, client: PoolClient, token: string): Promise<string | undefined> {
  const peek = await peekRefreshToken(svc, token);
  return peek && peek.clientId === client.id ? peek.username : undefined;
}
