/**
 * Identities and their linked logins: GetId's resolution (one identity per provider subject; a guest upgraded
 * in place; identities merged when a caller proves logins of several), describe, list, delete and unlink.
 * An identity id alone proves nothing: linking a new login to an existing authenticated identity needs a login
 * already linked to it (or an IAM-signed developer call), so knowing someone's identity id never lets another
 * user take it over. It never verifies tokens (logins.ts) or chooses roles.
 */
import { errors } from '../errors.js';
import { ids } from '../crypto/random.js';
import { identitiesRepo, loginsRepo, type IdentityRow, type LoginRow } from '../store/identity-pools-repo.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import { identityErrors } from './errors.js';
import { userPoolIdOf } from './provider-names.js';
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';
import type { VerifiedLogin } from './logins.js';

/** Cognito's limit on logins linked to one identity. */
export const MAX_LOGINS = 20;

export const identityNotFound = (id: string) => errors.resourceNotFound(`Identity '${id}' not found.`);
export const loginsMismatch = () => errors.notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");

export async function getIdentity(svc: Services, identityId: string, poolId?: string): Promise<IdentityRow> {
  const row = await identitiesRepo.get(svc.db, identityId);
  if (!row || (poolId !== undefined && row.identity_pool_id !== poolId)) throw identityNotFound(identityId);
  return row;
}

/** A live identity: a merged-away (disabled) one answers as not found, so SDKs drop their cached id. */
export async function liveIdentity(svc: Services, identityId: string, poolId?: string): Promise<IdentityRow> {
  const row = await getIdentity(svc, identityId, poolId);
  if (row.disabled) throw identityNotFound(identityId);
  return row;
}

export async function createIdentity(svc: Services, poolId: string): Promise<string> {
  const now = svc.clock.now();
  const identityId = `${poolId.split(':')[0]}:${ids.uuid()}`;
  await identitiesRepo.insert(svc.db, { identity_id: identityId, identity_pool_id: poolId, disabled: 0, created_at: now, updated_at: now });
  return identityId;
}

/** Logins of different subjects for one public provider cannot share an identity (developer ids can). */
function conflicting(have: readonly LoginRow[], provider: string, subject: string, developer: string | undefined): boolean {
  return provider !== developer && have.some((l) => l.provider === provider && l.subject !== subject);
}

/** Moves every login of `from` into `to` and disables `from`. */
export async function mergeIdentities(svc: Services, pool: IdentityPool, from: string, to: string): Promise<void> {
  const [src, dst] = await Promise.all([loginsRepo.ofIdentity(svc.db, from), loginsRepo.ofIdentity(svc.db, to)]);
  const dev = pool.settings.DeveloperProviderName;
  for (const l of src) {
    if (conflicting(dst, l.provider, l.subject, dev)) {
      throw identityErrors.resourceConflict(`Identities cannot be merged: both have a login from '${l.provider}' with different users.`);
    }
  }
  if (src.length + dst.length > MAX_LOGINS) throw identityErrors.resourceConflict(`Identities cannot be merged: more than ${MAX_LOGINS} logins would be linked to one identity.`);
  const now = svc.clock.now();
  await svc.db.transaction().execute(async (trx) => {
    await loginsRepo.moveAll(trx, from, to);
    await identitiesRepo.disable(trx, from, now);
    await identitiesRepo.touch(trx, to, now);
  });
}

export interface ResolveOptions {
  /** The identity the caller names (GetCredentialsForIdentity, GetOpenIdToken, developer calls). */
  readonly identityId?: string;
  /** An IAM-signed developer call may link logins to any identity of the pool. */
  readonly trusted?: boolean;
}

/**
 * The identity these verified logins belong to, creating, upgrading, linking and merging as Cognito does.
 * Returns the surviving identity id (which callers must adopt).
 */
export async function resolveIdentity(svc: Services, pool: IdentityPool, logins: readonly VerifiedLogin[], opts: ResolveOptions = {}): Promise<string> {
  const given = opts.identityId !== undefined ? await liveIdentity(svc, opts.identityId, pool.id) : undefined;
  const linkable = logins.filter((l) => l.kind !== 'openid-token');
  const found = await Promise.all(linkable.map((l) => loginsRepo.find(svc.db, pool.id, l.provider, l.subject)));
  const candidates = new Set<string>();
  for (const l of logins) if (l.identityId) candidates.add((await liveIdentity(svc, l.identityId, pool.id)).identity_id);
  for (const row of found) if (row) candidates.add(row.identity_id);

  let survivor: string;
  if (given) {
    const givenLogins = await loginsRepo.count(svc.db, given.identity_id);
    const owned = candidates.has(given.identity_id) || opts.trusted === true;
    if (!owned && givenLogins > 0) throw loginsMismatch();
    if (!owned && candidates.size > 0) {
      // A guest whose user signs in with a login that already has an identity: the guest joins that identity.
      survivor = await oldest(svc, candidates);
      candidates.add(given.identity_id);
    } else {
      survivor = given.identity_id;
    }
  } else {
    survivor = candidates.size > 0 ? await oldest(svc, candidates) : await createIdentity(svc, pool.id);
  }
  for (const other of candidates) if (other !== survivor) await mergeIdentities(svc, pool, other, survivor);

  const have = await loginsRepo.ofIdentity(svc.db, survivor);
  const dev = pool.settings.DeveloperProviderName;
  const now = svc.clock.now();
  let linked = have.length;
  for (const l of linkable) {
    if (have.some((h) => h.provider === l.provider && h.subject === l.subject)) continue;
    if (conflicting(have, l.provider, l.subject, dev)) {
      throw identityErrors.resourceConflict(`This identity already has a login from '${l.provider}' for another user.`);
    }
    if (++linked > MAX_LOGINS) throw errors.limitExceeded(`An identity can have at most ${MAX_LOGINS} linked logins.`);
    const inserted = await loginsRepo.insertIfAbsent(svc.db, { identity_pool_id: pool.id, provider: l.provider, subject: l.subject, identity_id: survivor, created_at: now });
    if (!inserted) {
      const winner = await loginsRepo.find(svc.db, pool.id, l.provider, l.subject);
      if (winner && winner.identity_id !== survivor) throw identityErrors.resourceConflict(`The login from '${l.provider}' was linked to another identity concurrently; retry the request.`);
    }
  }
  await identitiesRepo.touch(svc.db, survivor, now);
  return survivor;
}

async function oldest(svc: Services, idsSet: ReadonlySet<string>): Promise<string> {
  const rows = (await Promise.all([...idsSet].map((id) => identitiesRepo.get(svc.db, id)))).filter((r): r is IdentityRow => r !== undefined);
  rows.sort((a, b) => Number(a.created_at) - Number(b.created_at) || (a.identity_id < b.identity_id ? -1 : 1));
  return rows[0]!.identity_id;
}

const seconds = (ms: number) => Number(ms) / 1000;

function description(row: IdentityRow, logins: readonly LoginRow[]) {
  return {
    IdentityId: row.identity_id,
    Logins: [...new Set(logins.map((l) => l.provider))],
    CreationDate: seconds(row.created_at),
    LastModifiedDate: seconds(row.updated_at),
  };
}

export async function describeIdentity(svc: Services, identityId: string) {
  const row = await getIdentity(svc, identityId);
  return description(row, await loginsRepo.ofIdentity(svc.db, identityId));
}

export async function listIdentities(svc: Services, pool: IdentityPool, maxResults: number, nextToken: string | undefined, hideDisabled: boolean) {
  const kind = `identities:${pool.id}`;
  const rows = await identitiesRepo.page(svc.db, pool.id, afterKey(kind, nextToken), maxResults, hideDisabled);
  const { items, next } = splitPage(rows, maxResults, kind, (r) => r.identity_id);
  const logins = await loginsRepo.ofIdentities(svc.db, items.map((r) => r.identity_id));
  const Identities = items.map((r) => description(r, logins.filter((l) => l.identity_id === r.identity_id)));
  return { IdentityPoolId: pool.id, Identities, ...(next ? { NextToken: next } : {}) };
}

export async function deleteIdentities(svc: Services, identityIds: readonly string[]) {
  await identitiesRepo.deleteMany(svc.db, identityIds);
  return { UnprocessedIdentityIds: [] };
}

/**
 * UnlinkIdentity: the caller proves the identity with logins linked to it, then names providers to remove
 * (user pools in either name form). The developer provider is unlinked only by UnlinkDeveloperIdentity.
 */
export async function unlinkIdentity(svc: Services, pool: IdentityPool, identityId: string, proof: readonly VerifiedLogin[], remove: readonly string[]) {
  const have = await loginsRepo.ofIdentity(svc.db, identityId);
  const proven = proof.some((l) => l.identityId === identityId || have.some((h) => h.provider === l.provider && h.subject === l.subject));
  if (!proven) throw loginsMismatch();
  const dev = pool.settings.DeveloperProviderName;
  for (const name of remove) {
    if (dev !== undefined && name === dev) throw errors.invalidParameter(`The developer provider '${dev}' is unlinked with UnlinkDeveloperIdentity.`);
    const userPoolId = userPoolIdOf(svc, name);
    const providers = new Set(have.filter((h) => h.provider === name || (userPoolId !== undefined && userPoolIdOf(svc, h.provider) === userPoolId)).map((h) => h.provider));
    for (const provider of providers) await loginsRepo.remove(svc.db, identityId, provider);
  }
  await identitiesRepo.touch(svc.db, identityId, svc.clock.now());
}
