/**
 * The public identity flows that do not issue AWS credentials: GetId (find or create the identity for a set of
 * logins, or a new guest) and GetOpenIdToken (the pool's own OpenID token for the basic flow). Guests are
 * refused unless the pool allows unauthenticated identities; an authenticated identity never gets a guest
 * token. It never chooses roles (credentials.ts does).
 */
import { errors } from '../errors.js';
import { loginsRepo } from '../store/identity-pools-repo.js';
import { getIdentityPool } from './pools.js';
import { verifyLogins } from './logins.js';
import { createIdentity, liveIdentity, loginsMismatch, resolveIdentity } from './identities.js';
import { mintOpenIdToken } from './openid-token.js';
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';

/** GetOpenIdToken's tokens live 10 minutes. */
const OPENID_TOKEN_SECONDS = 600;

export const guestsRefused = () => errors.notAuthorized('Unauthenticated access is not supported for this identity pool.');

const hasLogins = (logins: Readonly<Record<string, string>> | undefined): logins is Record<string, string> =>
  logins !== undefined && Object.keys(logins).length > 0;

export async function getId(svc: Services, poolId: string, logins?: Record<string, string>): Promise<{ IdentityId: string }> {
  const pool = await getIdentityPool(svc, poolId);
  if (!hasLogins(logins)) {
    if (!pool.settings.AllowUnauthenticatedIdentities) throw guestsRefused();
    return { IdentityId: await createIdentity(svc, pool.id) };
  }
  const verified = await verifyLogins(svc, pool, logins);
  return { IdentityId: await resolveIdentity(svc, pool, verified) };
}

/** The identity a public call is about, with its pool, checking a guest call against the pool's settings. */
export async function identityForCall(svc: Services, identityId: string, logins: Record<string, string> | undefined) {
  const identity = await liveIdentity(svc, identityId);
  const pool = await getIdentityPool(svc, identity.identity_pool_id);
  if (!hasLogins(logins)) {
    if ((await loginsRepo.count(svc.db, identityId)) > 0) throw loginsMismatch();
    if (!pool.settings.AllowUnauthenticatedIdentities) throw guestsRefused();
    return { pool, identityId, verified: [] as Awaited<ReturnType<typeof verifyLogins>> };
  }
  const verified = await verifyLogins(svc, pool, logins);
  return { pool, identityId: await resolveIdentity(svc, pool, verified, { identityId }), verified };
}

export async function getOpenIdToken(svc: Services, identityId: string, logins?: Record<string, string>): Promise<{ IdentityId: string; Token: string }> {
  const identity = await liveIdentity(svc, identityId);
  const pool: IdentityPool = await getIdentityPool(svc, identity.identity_pool_id);
  if (!pool.settings.AllowClassicFlow) {
    throw errors.invalidParameter('Basic (classic) flow is not enabled for this identity pool; use the enhanced flow (GetCredentialsForIdentity) or set AllowClassicFlow.');
  }
  const call = await identityForCall(svc, identityId, logins);
  const amr = call.verified.length === 0 ? ['unauthenticated'] : ['authenticated', ...call.verified.flatMap((l) => l.amr)];
  const tags = call.verified.find((l) => l.principalTags)?.principalTags;
  const Token = await mintOpenIdToken(svc, { identityPoolId: pool.id, identityId: call.identityId, amr, durationSeconds: OPENID_TOKEN_SECONDS, principalTags: tags });
  return { IdentityId: call.identityId, Token };
}

/** UnlinkIdentity's proof: the identity, its pool and the verified logins (linking nothing). */
export async function identityForUnlink(svc: Services, identityId: string, logins: Record<string, string>) {
  const identity = await liveIdentity(svc, identityId);
  const pool = await getIdentityPool(svc, identity.identity_pool_id);
  if (!hasLogins(logins)) throw loginsMismatch();
  return { pool, verified: await verifyLogins(svc, pool, logins) };
}
