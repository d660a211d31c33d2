/**
 * OAuth 2.0 authorization codes. The hosted UI issues one after a sign-in (issueAuthorizationCode); the token
 * endpoint redeems it (redeemAuthorizationCode). A code is 256 random bits, stored only as a SHA-256 in the
 * database (so any node can redeem it and a stolen database yields none), bound to its client, redirect URI,
 * PKCE challenge, nonce and scopes, valid five minutes and spent once by a conditional update. A replayed
 * code is refused and the authentication its first redemption started is revoked (RFC 6749 §4.1.2). This
 * module never returns a code's hash or logs a code.
 */
import { createHash } from 'node:crypto';
import { ids, safeEqual, sha256B64u } from '../crypto/random.js';
import { oauthCodesRepo, type OAuthCodeRow } from '../store/oauth-codes-repo.js';
import { revokeOrigin } from '../tokens/revocation.js';
import { newJti } from '../tokens/jti.js';
import { clientValidity } from '../tokens/validity.js';
import { userByKey } from '../users/lookup.js';
import { getPool } from '../user-pools/pools.js';
import { oauthError } from './errors.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import type { Services } from '../services.js';

/** Cognito's authorization-code lifetime. */
export const CODE_TTL_MS = 5 * 60_000;
const CODE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43-128 unreserved characters. */
const VERIFIER_SHAPE = /^[A-Za-z0-9\-._~]{43,128}$/;

const hashCode = (code: string) => sha256B64u(`cognate-oauth-code:${code}`);

export interface AuthorizationCodeInput {
  pool: UserPool;
  client: PoolClient;
  user: UserRecord;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** Epoch seconds of the sign-in. */
  authTime: number;
  /** Federated sign-ins: the `identities` claim for the ID token. */
  identities?: unknown;
}

/** A fresh single-use code for a signed-in user; the caller has already checked client, redirect URI and scopes. */
export async function issueAuthorizationCode(svc: Services, input: AuthorizationCodeInput): Promise<string> {
  const code = ids.opaque(32);
  const now = svc.clock.now();
  await oauthCodesRepo.insert(svc.db, {
    code_hash: hashCode(code),
    pool_id: input.pool.id,
    client_id: input.client.id,
    username_key: input.user.usernameKey,
    sub: input.user.sub,
    redirect_uri: input.redirectUri,
    scopes: input.scopes.join(' '),
    nonce: input.nonce ?? null,
    code_challenge: input.codeChallenge ?? null,
    code_challenge_method: input.codeChallenge === undefined ? null : (input.codeChallengeMethod ?? 'plain'),
    auth_time: Math.floor(input.authTime > 1e11 ? input.authTime / 1000 : input.authTime),
    identities: input.identities === undefined ? null : JSON.stringify(input.identities),
    origin_jti: null,
    consumed_at: null,
    expires_at: now + CODE_TTL_MS,
    created_at: now,
  });
  return code;
}

export interface RedeemInput {
  client: PoolClient;
  code: string;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

export interface RedeemedCode {
  pool: UserPool;
  user: UserRecord;
  scopes: string[];
  nonce?: string;
  authTime: number;
  identities?: unknown;
  /** The authentication the tokens of this redemption must carry (revoked if the code is replayed). */
  originJti: string;
}

const badCode = () => oauthError('invalid_grant', 'The authorization code is invalid, expired or already used.');

/** RFC 7636 §4.6. Constant-time on the challenge. */
export function pkceMatches(method: string, challenge: string, verifier: string): boolean {
  const derived = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return safeEqual(derived, challenge);
}

/**
 * Spends a code for the client that presents it. Every refusal is invalid_grant (RFC 6749 §5.2); a code the
 * right client presents with a wrong redirect URI or verifier is spent all the same, so it cannot be retried.
 */
export async function redeemAuthorizationCode(svc: Services, input: RedeemInput): Promise<RedeemedCode> {
  if (!CODE_SHAPE.test(input.code)) throw badCode();
  const hash = hashCode(input.code);
  const row = await oauthCodesRepo.get(svc.db, hash);
  if (!row || row.client_id !== input.client.id) throw badCode();
  const now = svc.clock.now();
  if (row.consumed_at !== null) {
    await revokeReplayed(svc, input.client, row);
    throw badCode();
  }
  if (Number(row.expires_at) <= now) throw badCode();
  const originJti = newJti(now);
  if (!(await oauthCodesRepo.consume(svc.db, hash, originJti, now))) {
    // Another request spent it between our read and our update: that is a replay too.
    const spent = await oauthCodesRepo.get(svc.db, hash);
    if (spent) await revokeReplayed(svc, input.client, spent);
    throw badCode();
  }
  if (input.redirectUri === undefined || input.redirectUri !== row.redirect_uri) {
    throw oauthError('invalid_grant', 'redirect_uri does not match the one the authorization code was issued for.');
  }
  checkPkce(row, input.codeVerifier);
  const [pool, user] = await Promise.all([getPool(svc, row.pool_id), userByKey(svc, row.pool_id, row.username_key)]);
  // The user must still be the one who signed in, enabled, and not signed out globally since.
  if (!user || user.sub !== row.sub || !user.enabled || Number(row.created_at) < user.tokensValidAfter) throw badCode();
  return {
    pool,
    user,
    scopes: row.scopes.split(' ').filter(Boolean),
    ...(row.nonce !== null ? { nonce: row.nonce } : {}),
    authTime: Number(row.auth_time),
    ...(row.identities !== null ? { identities: JSON.parse(row.identities) as unknown } : {}),
    originJti,
  };
}

function checkPkce(row: OAuthCodeRow, verifier: string | undefined): void {
  if (row.code_challenge === null) {
    // PKCE downgrade: a verifier for a code issued without a challenge means the request was tampered with.
    if (verifier !== undefined) throw oauthError('invalid_grant', 'code_verifier was sent but the authorization request had no code_challenge.');
    return;
  }
  if (verifier === undefined) throw oauthError('invalid_grant', 'code_verifier is required: the authorization request used PKCE.');
  if (!VERIFIER_SHAPE.test(verifier) || !pkceMatches(row.code_challenge_method ?? 'plain', row.code_challenge, verifier)) {
    throw oauthError('invalid_grant', 'code_verifier does not match the code_challenge.');
  }
}

/** A replayed code: whatever its first redemption issued is revoked (its refresh tokens and all its JWTs). */
async function revokeReplayed(svc: Services, client: PoolClient, row: OAuthCodeRow): Promise<void> {
  if (row.origin_jti === null) return;
  svc.log.warn({ poolId: row.pool_id, clientId: row.client_id }, 'authorization code replayed; revoking the tokens it issued');
  const refreshExpiresAt = svc.clock.now() + clientValidity(client).refreshSeconds * 1000;
  await revokeOrigin(svc, row.pool_id, row.origin_jti, refreshExpiresAt);
}
