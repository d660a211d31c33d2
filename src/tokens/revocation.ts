/**
 * Token revocation. RevokeToken kills one refresh token and its whole authentication: the refresh records
 * with its origin_jti are marked revoked and the origin_jti is recorded, so every ID/access token minted from
 * it is refused by our APIs. GlobalSignOut (and disable/delete of a user) kills all the user's refresh tokens
 * and moves the user's "tokens valid after" mark to now. JWTs stay cryptographically valid: offline verifiers
 * cannot see revocation, which is why every token-consuming call here consults the store.
 */
import { errors, ServiceError } from '../errors.js';
import { safeEqual } from '../crypto/random.js';
import { getClient } from '../user-pools/pools.js';
import { refreshTokensRepo } from '../store/refresh-tokens-repo.js';
import { revocationsRepo } from '../store/revocations-repo.js';
import { findRefreshToken } from './refresh-tokens.js';
import { looksLikeJwt } from './verify.js';
import type { PoolClient } from '../user-pools/types.js';
import type { Services } from '../services.js';

/** Longest an access or ID token can live (Cognito's cap), so a revoked origin can be forgotten after it. */
const MAX_TOKEN_LIFETIME_MS = 86_400_000;

/** True when the client needs no secret, or the given one matches (constant time). */
export function clientSecretMatches(client: PoolClient, given: string | undefined): boolean {
  if (!client.secret) return true;
  if (given === undefined) return false;
  return safeEqual(given, client.secret);
}

/** Records an authentication as revoked: its refresh tokens die and its tokens are refused from now on. */
export async function revokeOrigin(svc: Services, poolId: string, originJti: string, refreshExpiresAt: number): Promise<void> {
  const now = svc.clock.now();
  await svc.db.transaction().execute(async (trx) => {
    await refreshTokensRepo.revokeOrigin(trx, originJti, now);
    await revocationsRepo.addOrigin(trx, originJti, poolId, Math.max(refreshExpiresAt, now) + MAX_TOKEN_LIFETIME_MS);
  });
}

/** RevokeToken: the client (and its secret) must match the token; unknown or already revoked tokens succeed. */
export async function revokeRefreshToken(svc: Services, input: { token: string; clientId: string; clientSecret?: string }): Promise<void> {
  let client: PoolClient;
  try {
    client = await getClient(svc, input.clientId);
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw errors.unauthorized(`Client ${input.clientId} is not authorized to revoke this token.`);
    throw e;
  }
  if (!clientSecretMatches(client, input.clientSecret)) {
    throw errors.unauthorized(`Client ${client.id} is not authorized: the client secret is ${input.clientSecret === undefined ? 'missing' : 'wrong'}.`);
  }
  if (client.config.EnableTokenRevocation === false) {
    throw errors.unsupportedOperation(`Token revocation is not enabled for client ${client.id} (EnableTokenRevocation is false).`);
  }
  if (looksLikeJwt(input.token)) throw errors.unsupportedTokenType('Unsupported token type: RevokeToken takes a refresh token, not an ID or access token.');
  const row = await findRefreshToken(svc, input.token);
  if (!row) return;
  if (row.client_id !== client.id) throw errors.unauthorized(`Client ${client.id} is not authorized to revoke a token issued to another client.`);
  if (row.revoked_at !== null) return;
  await revokeOrigin(svc, row.pool_id, row.origin_jti, row.expires_at);
}

/**
 * GlobalSignOut semantics: every refresh token of the user dies and every token minted up to this instant is
 * refused. The mark is one millisecond past now and compared with the millisecond in each token's jti, so a
 * token minted before the sign-out (even within the same second) is refused and a later sign-in works.
 */
export async function revokeUserTokens(svc: Services, poolId: string, usernameKey: string): Promise<void> {
  const now = svc.clock.now();
  await svc.db.transaction().execute(async (trx) => {
    await revocationsRepo.setTokensValidAfter(trx, poolId, usernameKey, now + 1);
    await refreshTokensRepo.revokeUser(trx, poolId, usernameKey, now);
  });
}

