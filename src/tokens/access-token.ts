/**
 * Authenticating a request by its access token (GetUser and every other access-token operation): our
 * signature, unexpired, `token_use` access, this pool's issuer, the admin scope, not revoked (its
 * authentication or the user's GlobalSignOut mark), and a user who still exists and is enabled. Every refusal
 * is NotAuthorizedException with Cognito's message. This is the hottest path: keys are cached per process and
 * the store is asked at most for the pool, the revocation mark and the user.
 */
import { errors, ServiceError } from '../errors.js';
import { getPool } from '../user-pools/pools.js';
import { findUser, userByKey } from '../users/lookup.js';
import { usernameKey } from '../users/records.js';
import { revocationsRepo } from '../store/revocations-repo.js';
import { ADMIN_SCOPE } from './claims.js';
import { mintedAtMs } from './jti.js';
import { verifyPoolToken } from './verify.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import type { Services } from '../services.js';

export interface AuthenticatedAccess {
  pool: UserPool;
  clientId: string;
  user: UserRecord;
  jti: string;
  originJti: string;
  scopes: string[];
  /** Issued-at, epoch seconds. */
  iat: number;
  deviceKey?: string;
}

const invalid = () => errors.notAuthorized('Invalid Access Token');
const revoked = () => errors.notAuthorized('Access Token has been revoked');

/**
 * `requiredScope` defaults to `aws.cognito.signin.user.admin` (the user-pool APIs); /oauth2/userInfo passes
 * `openid`.
 */
export async function authenticateAccessToken(svc: Services, token: string, opts: { requiredScope?: string } = {}): Promise<AuthenticatedAccess> {
  const v = await verifyPoolToken(svc, token, 'access');
  if (!v.ok) throw v.reason === 'expired' ? errors.notAuthorized('Access Token has expired') : invalid();
  const p = v.payload;
  const scopes = typeof p.scope === 'string' ? p.scope.split(' ').filter(Boolean) : [];
  if (!scopes.includes(opts.requiredScope ?? ADMIN_SCOPE)) throw errors.notAuthorized('Access Token does not have required scopes');
  if (typeof p.username !== 'string' || typeof p.client_id !== 'string' || typeof p.jti !== 'string') throw invalid();
  const originJti = typeof p.origin_jti === 'string' ? p.origin_jti : p.jti;

  // One round trip in the common case: the pool, the revocation mark and the user by the token's username
  // (which is the user's key unless a case-insensitive pool folds it) are read in parallel.
  const username = p.username;
  const [pool, originRevoked, direct] = await Promise.all([
    getPool(svc, v.poolId).catch((e: unknown) => {
      if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw invalid();
      throw e;
    }),
    revocationsRepo.isOriginRevoked(svc.db, originJti),
    userByKey(svc, v.poolId, username),
  ]);
  if (originRevoked) throw revoked();
  const key = usernameKey(pool, username);
  const user = key === username ? direct : await userByKey(svc, pool.id, key);
  // A user deleted and created again under the same name is another person: the sub tells them apart.
  if (!user || user.sub !== p.sub) throw errors.notAuthorized('User does not exist.');
  if (mintedAtMs(p) < user.tokensValidAfter) throw revoked();
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return {
    pool,
    clientId: p.client_id,
    user,
    jti: p.jti,
    originJti,
    scopes,
    iat: p.iat as number,
    ...(typeof p.device_key === 'string' ? { deviceKey: p.device_key } : {}),
  };
}

/**
 * Verifies an ID token of ours for servers that accept one (identity pools with ServerSideTokenCheck):
 * signature, exp, issuer, token_use, optionally the audience, and the same revocation and user checks as
 * access tokens. Returns the pool id, the user and the verified claims.
 */
export async function verifyIdToken(
  svc: Services,
  token: string,
  opts: { clientId?: string } = {},
): Promise<{ poolId: string; user: UserRecord; claims: Record<string, unknown> }> {
  const v = await verifyPoolToken(svc, token, 'id');
  if (!v.ok) throw errors.notAuthorized(v.reason === 'expired' ? 'Token expired' : 'Invalid login token.');
  const p = v.payload;
  if (opts.clientId !== undefined && p.aud !== opts.clientId) throw errors.notAuthorized('Invalid login token. Incorrect audience.');
  const username = p['cognito:username'];
  if (typeof username !== 'string') throw errors.notAuthorized('Invalid login token.');
  const [pool, originRevoked] = await Promise.all([
    getPool(svc, v.poolId).catch(() => undefined),
    typeof p.origin_jti === 'string' ? revocationsRepo.isOriginRevoked(svc.db, p.origin_jti) : false,
  ]);
  if (!pool) throw errors.notAuthorized('Invalid login token.');
  if (originRevoked) throw errors.notAuthorized('Token has been revoked');
  const user = await findUser(svc, pool, username);
  if (!user || user.sub !== p.sub) throw errors.notAuthorized('Invalid login token.');
  if (mintedAtMs(p) < user.tokensValidAfter) throw errors.notAuthorized('Token has been revoked');
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return { poolId: v.poolId, user, claims: p };
}
