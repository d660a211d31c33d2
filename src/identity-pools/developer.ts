/**
 * Developer-authenticated identities: the backend (IAM-signed) vouches for its own user identifiers under the
 * pool's DeveloperProviderName and gets an OpenID token for the identity (GetOpenIdTokenForDeveloperIdentity),
 * looks identities up, merges and unlinks them. A developer user identifier belongs to one identity at a time;
 * an identity may hold several after a merge. It never issues AWS credentials.
 */
import { errors } from '../errors.js';
import { identitiesRepo, loginsRepo } from '../store/identity-pools-repo.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import { getIdentityPool } from './pools.js';
import { verifyLogin, type VerifiedLogin } from './logins.js';
import { getIdentity, mergeIdentities, resolveIdentity } from './identities.js';
import { identityErrors } from './errors.js';
import { mintOpenIdToken } from './openid-token.js';
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';

const DEFAULT_TOKEN_SECONDS = 900;

function developerName(pool: IdentityPool, given?: string): string {
  const dev = pool.settings.DeveloperProviderName;
  if (dev === undefined) throw errors.invalidParameter(`IdentityPool '${pool.id}' has no DeveloperProviderName; set one with UpdateIdentityPool.`);
  if (given !== undefined && given !== dev) throw errors.invalidParameter(`DeveloperProviderName '${given}' is not this identity pool's developer provider.`);
  return dev;
}

export interface DeveloperTokenInput {
  IdentityPoolId: string;
  IdentityId?: string;
  Logins: Record<string, string>;
  PrincipalTags?: Record<string, string>;
  TokenDuration?: number;
}

export async function getOpenIdTokenForDeveloperIdentity(svc: Services, input: DeveloperTokenInput) {
  const pool = await getIdentityPool(svc, input.IdentityPoolId);
  const dev = developerName(pool);
  const userIdentifier = input.Logins[dev];
  if (userIdentifier === undefined) throw errors.invalidParameter(`Logins must contain the developer provider '${dev}' with your user identifier.`);
  const devLogin: VerifiedLogin = {
    key: dev, kind: 'developer', provider: dev, subject: userIdentifier, claims: {},
    amr: [dev, `${dev}:${pool.id}:${userIdentifier}`],
  };
  const others: VerifiedLogin[] = [];
  for (const [key, token] of Object.entries(input.Logins)) if (key !== dev) others.push(await verifyLogin(svc, pool, key, token));
  if (input.IdentityId !== undefined) {
    const existing = await loginsRepo.find(svc.db, pool.id, dev, userIdentifier);
    if (existing && existing.identity_id !== input.IdentityId) {
      throw identityErrors.developerUserAlreadyRegistered('The developer user identifier is already registered with Cognito under a different identity ID.');
    }
  }
  const identityId = await resolveIdentity(svc, pool, [devLogin, ...others], { identityId: input.IdentityId, trusted: true });
  const amr = ['authenticated', ...devLogin.amr, ...others.flatMap((l) => l.amr)];
  const Token = await mintOpenIdToken(svc, {
    identityPoolId: pool.id, identityId, amr, durationSeconds: input.TokenDuration ?? DEFAULT_TOKEN_SECONDS, principalTags: input.PrincipalTags,
  });
  return { IdentityId: identityId, Token };
}

export interface LookupInput { IdentityPoolId: string; IdentityId?: string; DeveloperUserIdentifier?: string; MaxResults?: number; NextToken?: string }

export async function lookupDeveloperIdentity(svc: Services, input: LookupInput) {
  const pool = await getIdentityPool(svc, input.IdentityPoolId);
  const dev = developerName(pool);
  if (input.IdentityId === undefined && input.DeveloperUserIdentifier === undefined) {
    throw errors.invalidParameter('Either IdentityId or DeveloperUserIdentifier must be given.');
  }
  let identityId = input.IdentityId;
  if (input.DeveloperUserIdentifier !== undefined) {
    const row = await loginsRepo.find(svc.db, pool.id, dev, input.DeveloperUserIdentifier);
    if (!row) throw errors.resourceNotFound(`Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to any identity of this pool.`);
    if (identityId !== undefined && identityId !== row.identity_id) {
      throw identityErrors.resourceConflict(`Developer user identifier '${input.DeveloperUserIdentifier}' is linked to another identity than '${identityId}'.`);
    }
    identityId = row.identity_id;
  } else {
    await getIdentity(svc, identityId!, pool.id);
  }
  const limit = input.MaxResults ?? 60;
  const kind = `developer-ids:${identityId}`;
  const rows = await loginsRepo.subjectsOf(svc.db, identityId!, dev, afterKey(kind, input.NextToken), limit);
  const { items, next } = splitPage(rows, limit, kind, (r) => r.subject);
  return { IdentityId: identityId, DeveloperUserIdentifierList: items.map((r) => r.subject), ...(next ? { NextToken: next } : {}) };
}

export interface MergeInput { IdentityPoolId: string; DeveloperProviderName: string; SourceUserIdentifier: string; DestinationUserIdentifier: string }

export async function mergeDeveloperIdentities(svc: Services, input: MergeInput) {
  const pool = await getIdentityPool(svc, input.IdentityPoolId);
  const dev = developerName(pool, input.DeveloperProviderName);
  const [src, dst] = await Promise.all([
    loginsRepo.find(svc.db, pool.id, dev, input.SourceUserIdentifier),
    loginsRepo.find(svc.db, pool.id, dev, input.DestinationUserIdentifier),
  ]);
  if (!src) throw errors.resourceNotFound(`Developer user identifier '${input.SourceUserIdentifier}' is not linked to any identity of this pool.`);
  if (!dst) throw errors.resourceNotFound(`Developer user identifier '${input.DestinationUserIdentifier}' is not linked to any identity of this pool.`);
  if (src.identity_id === dst.identity_id) return { IdentityId: dst.identity_id };
  await mergeIdentities(svc, pool, src.identity_id, dst.identity_id);
  return { IdentityId: dst.identity_id };
}

export interface UnlinkDeveloperInput { IdentityId: string; IdentityPoolId: string; DeveloperProviderName: string; DeveloperUserIdentifier: string }

export async function unlinkDeveloperIdentity(svc: Services, input: UnlinkDeveloperInput): Promise<void> {
  const pool = await getIdentityPool(svc, input.IdentityPoolId);
  const dev = developerName(pool, input.DeveloperProviderName);
  await getIdentity(svc, input.IdentityId, pool.id);
  const removed = await loginsRepo.remove(svc.db, input.IdentityId, dev, input.DeveloperUserIdentifier);
  if (removed === 0) throw identityErrors.resourceConflict(`Developer user identifier '${input.DeveloperUserIdentifier}' is not linked to identity '${input.IdentityId}'.`);
  await identitiesRepo.touch(svc.db, input.IdentityId, svc.clock.now());
}
