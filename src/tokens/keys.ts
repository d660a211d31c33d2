/**
 * Per-pool RSA signing keys: one for ID tokens, one for access tokens (different kids, as Cognito does).
 * Keys are created lazily on first use, race-safely across nodes (insert-if-absent under a partial unique
 * index, then re-read), and rotate next → current → previous; the JWKS publishes all three so a rotation never
 * breaks a token in flight. Each node caches imported keys, but re-reads key statuses every few seconds so a
 * rotation made on one node is honoured by all. Keys are node:crypto KeyObjects (sync signing and checking, see
 * jws.ts), imported once per kid. Private keys exist in plain form only in memory here; they are
 * sealed under the master key at rest and must never be logged or returned.
 */
import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { privateKeyFromPkcs8, publicKeyFromJwk } from './jws.js';
import { signingKeysRepo } from '../store/signing-keys-repo.js';
import { perServices, type Services } from '../services.js';

export type KeyPurpose = 'id' | 'access';
export type KeyStatus = 'current' | 'next' | 'previous';
export const PURPOSES: readonly KeyPurpose[] = ['id', 'access'];

/** A key that verifies tokens (and, when current, signs them). */
export interface LiveKey {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly status: KeyStatus;
  readonly jwk: PublicJwk;
  readonly publicKey: KeyObject;
}

export interface PublicJwk { alg: 'RS256'; e: string; kid: string; kty: 'RSA'; n: string; use: 'sig' }

interface PoolKeys { readAt: number; keys: Map<string, LiveKey> }

/** How long a node trusts its view of the key statuses before re-reading them. */
const STATUS_TTL_MS = 5_000;
/** An unknown kid triggers a re-read at most this often per pool (a stranger must not hammer the store). */
const UNKNOWN_KID_RETRY_MS = 1_000;
const MAX_CACHED_POOLS = 10_000;

const cacheOf = perServices(() => ({
  pools: new Map<string, PoolKeys>(),
  imported: new Map<string, KeyObject>(),
  privates: new Map<string, KeyObject>(),
  loading: new Map<string, Promise<PoolKeys>>(),
  creating: new Map<string, Promise<void>>(),
}));

const sealContext = (kid: string) => `signing-key:${kid}`;

async function readPoolKeys(svc: Services, poolId: string): Promise<PoolKeys> {
  const cache = cacheOf(svc);
  const rows = await signingKeysRepo.listLive(svc.db, poolId);
  const keys = new Map<string, LiveKey>();
  for (const r of rows) {
    let publicKey = cache.imported.get(r.kid);
    const jwk = JSON.parse(r.public_jwk) as PublicJwk;
    if (!publicKey) {
      publicKey = publicKeyFromJwk(jwk);
      cache.imported.set(r.kid, publicKey);
    }
    keys.set(r.kid, { kid: r.kid, purpose: r.purpose as KeyPurpose, status: r.status as KeyStatus, jwk, publicKey });
  }
  const pk: PoolKeys = { readAt: svc.clock.now(), keys };
  if (cache.pools.size >= MAX_CACHED_POOLS) cache.pools.clear();
  if (cache.imported.size >= MAX_CACHED_POOLS * 6) cache.imported.clear();
  if (keys.size > 0) cache.pools.set(poolId, pk);
  else cache.pools.delete(poolId);
  return pk;
}

/** The node's view of a pool's live keys, re-read when older than `maxAgeMs`. */
async function poolKeys(svc: Services, poolId: string, maxAgeMs = STATUS_TTL_MS): Promise<PoolKeys> {
  const cache = cacheOf(svc);
  const cached = cache.pools.get(poolId);
  const now = svc.clock.now();
  if (cached && now - cached.readAt < maxAgeMs && now >= cached.readAt) return cached;
  let p = cache.loading.get(poolId);
  if (!p) {
    p = readPoolKeys(svc, poolId).finally(() => cache.loading.delete(poolId));
    cache.loading.set(poolId, p);
  }
  return p;
}

async function newKeyRow(svc: Services, poolId: string, purpose: KeyPurpose, status: KeyStatus) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const raw = await exportJWK(publicKey);
  const kid = Buffer.from(await calculateJwkThumbprint(raw, 'sha256'), 'base64url').toString('base64');
  const jwk: PublicJwk = { alg: 'RS256', e: raw.e!, kid, kty: 'RSA', n: raw.n!, use: 'sig' };
  return {
    kid,
    pool_id: poolId,
    purpose,
    private_enc: svc.box.seal(await exportPKCS8(privateKey), sealContext(kid)),
    public_jwk: JSON.stringify(jwk),
    status,
    created_at: svc.clock.now(),
  };
}

type Wanted = readonly ('current' | 'next')[];

function missing(pk: PoolKeys, statuses: Wanted): Array<[KeyPurpose, KeyStatus]> {
  const ks = [...pk.keys.values()];
  const out: Array<[KeyPurpose, KeyStatus]> = [];
  for (const purpose of PURPOSES) {
    for (const status of statuses) if (!ks.some((k) => k.purpose === purpose && k.status === status)) out.push([purpose, status]);
  }
  return out;
}

/**
 * Makes sure the pool has keys of the given statuses for both purposes; returns the fresh view. Safe on
 * several nodes at once: the partial unique indexes let only one insert per (pool, purpose, status) win, and
 * everyone re-reads the winner. Signing needs only `current`; the JWKS and rotation also create `next`, so a
 * `next` key is published before any rotation can promote it (nobody has cached a JWKS that was never served).
 */
export async function ensurePoolKeys(svc: Services, poolId: string, statuses: Wanted = ['current', 'next']): Promise<PoolKeys> {
  const have = await poolKeys(svc, poolId);
  if (missing(have, statuses).length === 0) return have;
  const cache = cacheOf(svc);
  const flight = `${poolId} ${statuses.join(',')}`;
  let p = cache.creating.get(flight);
  if (!p) {
    p = (async () => {
      const wanted = missing(await readPoolKeys(svc, poolId), statuses);
      const rows = await Promise.all(wanted.map(([purpose, status]) => newKeyRow(svc, poolId, purpose, status)));
      for (const row of rows) await signingKeysRepo.insertIfAbsent(svc.db, row);
    })().finally(() => cache.creating.delete(flight));
    cache.creating.set(flight, p);
  }
  await p;
  return readPoolKeys(svc, poolId);
}

/** The key that signs new tokens of this purpose, with its private half. */
export async function signingKey(svc: Services, poolId: string, purpose: KeyPurpose): Promise<{ kid: string; privateKey: KeyObject }> {
  let pk = await poolKeys(svc, poolId);
  let cur = [...pk.keys.values()].find((k) => k.purpose === purpose && k.status === 'current');
  if (!cur) {
    pk = await ensurePoolKeys(svc, poolId, ['current']);
    cur = [...pk.keys.values()].find((k) => k.purpose === purpose && k.status === 'current');
    if (!cur) throw new Error(`no current ${purpose} signing key for pool ${poolId}`);
  }
  const cache = cacheOf(svc);
  let privateKey = cache.privates.get(cur.kid);
  if (!privateKey) {
    const row = await signingKeysRepo.getPrivate(svc.db, cur.kid);
    if (!row || row.pool_id !== poolId) throw new Error(`signing key ${cur.kid} vanished`);
    privateKey = privateKeyFromPkcs8(svc.box.open(row.private_enc, sealContext(cur.kid)));
    if (cache.privates.size >= MAX_CACHED_POOLS * 2) cache.privates.clear();
    cache.privates.set(cur.kid, privateKey);
  }
  return { kid: cur.kid, privateKey };
}

/** The live key with this kid in this pool, or undefined (unknown, retired or another pool's). */
export async function verificationKey(svc: Services, poolId: string, kid: string): Promise<LiveKey | undefined> {
  const pk = await poolKeys(svc, poolId);
  const hit = pk.keys.get(kid);
  if (hit) return hit;
  // A kid we do not know may come from a rotation on another node: look again, but not on every call.
  if (svc.clock.now() - pk.readAt < UNKNOWN_KID_RETRY_MS && pk.keys.size > 0) return undefined;
  return (await poolKeys(svc, poolId, UNKNOWN_KID_RETRY_MS)).keys.get(kid);
}

const STATUS_ORDER: Record<KeyStatus, number> = { current: 0, next: 1, previous: 2 };

/** The pool's JSON Web Key Set: current, next and previous keys of both purposes (or of the given ones). */
export async function poolJwks(svc: Services, poolId: string, purposes: readonly KeyPurpose[] = PURPOSES): Promise<{ keys: PublicJwk[] }> {
  const pk = await ensurePoolKeys(svc, poolId);
  const keys = [...pk.keys.values()].filter((k) => purposes.includes(k.purpose)).sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.purpose === b.purpose ? 0 : a.purpose === 'id' ? -1 : 1),
  );
  return { keys: keys.map((k) => k.jwk) };
}

/**
 * Rotates both keys of a pool: next becomes current, current becomes previous (still published, so tokens it
 * signed keep verifying until they expire), the old previous is retired, and a fresh next is pre-published.
 */
export async function rotateSigningKeys(svc: Services, poolId: string): Promise<{ current: Record<KeyPurpose, string> }> {
  await ensurePoolKeys(svc, poolId);
  const fresh = await Promise.all(PURPOSES.map((p) => newKeyRow(svc, poolId, p, 'next')));
  await svc.db.transaction().execute(async (trx) => {
    for (const row of fresh) {
      await signingKeysRepo.setStatus(trx, poolId, row.purpose, 'previous', 'retired');
      await signingKeysRepo.setStatus(trx, poolId, row.purpose, 'current', 'previous');
      await signingKeysRepo.setStatus(trx, poolId, row.purpose, 'next', 'current');
      await signingKeysRepo.insertIfAbsent(trx, row);
    }
  });
  const pk = await readPoolKeys(svc, poolId);
  const current = { id: '', access: '' } as Record<KeyPurpose, string>;
  for (const k of pk.keys.values()) if (k.status === 'current') current[k.purpose] = k.kid;
  return { current };
}
