/**
 * Refresh-token records: a token is 256 random bits (base64url, which fits Cognito's pattern
 * [A-Za-z0-9-_=.]+); the database holds only its SHA-256, with the pool, client, user, authentication
 * (origin_jti, auth_time), device and expiry it was issued for. A stolen database yields no usable token.
 */
import { ids, sha256B64u } from '../crypto/random.js';
import { refreshTokensRepo } from '../store/refresh-tokens-repo.js';
import type { RefreshTokensTable } from '../store/tables.js';
import type { Services } from '../services.js';
import { maybeCleanup } from './cleanup.js';

export const hashRefreshToken = (token: string) => sha256B64u(`cognate-refresh-token:${token}`);

/** Our refresh tokens: 43 base64url characters (no dots, unlike a JWT). */
export const REFRESH_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface NewRefreshToken {
  poolId: string;
  clientId: string;
  usernameKey: string;
  originJti: string;
  authTimeMs: number;
  deviceKey?: string;
  expiresAt: number;
  /** Mint instant (default now); the expiry is counted from it. */
  createdAt?: number;
  /** OAuth scopes of the grant (/oauth2/token flows), kept for its refreshes. */
  scopes?: readonly string[];
}

export async function mintRefreshToken(svc: Services, r: NewRefreshToken): Promise<string> {
  const token = ids.opaque(32);
  await refreshTokensRepo.insert(svc.db, {
    token_hash: hashRefreshToken(token),
    pool_id: r.poolId,
    client_id: r.clientId,
    username_key: r.usernameKey,
    origin_jti: r.originJti,
    auth_time: r.authTimeMs,
    device_key: r.deviceKey ?? null,
    expires_at: r.expiresAt,
    revoked_at: null,
    replaced_at: null,
    created_at: r.createdAt ?? svc.clock.now(),
    ...(r.scopes && r.scopes.length > 0 ? { scopes: r.scopes.join(' ') } : {}),
  });
  maybeCleanup(svc);
  return token;
}

/** The stored record of a token, or undefined for anything we never issued. */
export async function findRefreshToken(svc: Services, token: string): Promise<RefreshTokensTable | undefined> {
  if (!REFRESH_TOKEN_SHAPE.test(token)) return undefined;
  const row = await refreshTokensRepo.get(svc.db, hashRefreshToken(token));
  if (!row) return undefined;
  return {
    ...row,
    auth_time: Number(row.auth_time),
    expires_at: Number(row.expires_at),
    created_at: Number(row.created_at),
    revoked_at: row.revoked_at === null ? null : Number(row.revoked_at),
    replaced_at: row.replaced_at === null ? null : Number(row.replaced_at),
    scopes: row.scopes ?? null,
  };
}
