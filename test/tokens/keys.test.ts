/**
 * Signing keys: lazy creation that is race-safe across nodes, JWKS contents (public members only), rotation
 * that keeps earlier tokens verifying, and a rotation on one node honoured by another within seconds.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { issueTokens } from '../../src/tokens/issue.js';
import { poolJwks, rotateSigningKeys, signingKey, ensurePoolKeys } from '../../src/tokens/keys.js';
import { verifyPoolToken } from '../../src/tokens/verify.js';
import type { Services } from '../../src/services.js';
import { makePool, makeClient, insertUser, headerOf } from './fixtures.js';

/** A second node: same store, its own per-process caches. */
const otherNode = (svc: Services): Services => ({ ...svc });

for (const d of DIALECTS) {
  describe(`signing keys (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(async () => {
      await s.stop();
    });

    it('publishes current and next keys of both purposes with public members only', async () => {
      const pool = makePool();
      const jwks = await poolJwks(s.svc, pool.id);
      assert.equal(jwks.keys.length, 4);
      for (const k of jwks.keys) {
        assert.deepEqual(Object.keys(k).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
        assert.equal(k.alg, 'RS256');
        assert.equal(k.e, 'AQAB');
        assert.equal(k.kty, 'RSA');
        assert.equal(k.use, 'sig');
        assert.equal(Buffer.from(k.n, 'base64url').length, 256, 'RSA-2048 modulus');
      }
      assert.equal(new Set(jwks.keys.map((k) => k.kid)).size, 4);
      const rows = await s.svc.db.selectFrom('signing_keys').selectAll().where('pool_id', '=', pool.id).execute();
      for (const r of rows) {
        assert.match(r.private_enc, /^v1\./, 'private keys are sealed');
        assert.ok(!r.private_enc.includes('PRIVATE KEY'));
      }
    });

    it('creates one key set when several nodes race on a new pool', async () => {
      const pool = makePool();
      const nodes = [s.svc, otherNode(s.svc), otherNode(s.svc)];
      const kids = await Promise.all(nodes.flatMap((n) => [signingKey(n, pool.id, 'id'), signingKey(n, pool.id, 'access'), ensurePoolKeys(n, pool.id)]));
      const rows = await s.svc.db.selectFrom('signing_keys').select(['kid', 'purpose', 'status']).where('pool_id', '=', pool.id).execute();
      assert.equal(rows.filter((r) => r.status === 'current').length, 2);
      assert.equal(rows.filter((r) => r.status === 'next').length, 2);
      const idKids = new Set(kids.filter((_, i) => i % 3 === 0).map((k) => (k as { kid: string }).kid));
      assert.equal(idKids.size, 1, 'every node signs ID tokens with the same key');
    });

    it('rotation keeps earlier tokens verifying and promotes the pre-published key', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'rita');
      const iss = `${s.url}/${pool.id}`;
      const before = await poolJwks(s.svc, pool.id);
      const old = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false });
      const { current } = await rotateSigningKeys(s.svc, pool.id);
      const after1 = await poolJwks(s.svc, pool.id);
      assert.equal(after1.keys.length, 6, 'current, next and previous of both purposes');
      assert.ok(before.keys.some((k) => k.kid === current.id), 'the new current key was already published as next');
      const fresh = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false });
      assert.equal(headerOf(fresh.IdToken).kid, current.id);
      assert.notEqual(headerOf(fresh.AccessToken).kid, headerOf(old.AccessToken).kid);

      const verifier = JwtRsaVerifier.create({ issuer: iss, audience: null, jwksUri: `${iss}/.well-known/jwks.json` });
      verifier.cacheJwks(after1 as never);
      for (const t of [old.IdToken, old.AccessToken, fresh.IdToken, fresh.AccessToken]) await verifier.verify(t);
      assert.equal((await verifyPoolToken(s.svc, old.AccessToken, 'access')).ok, true);

      await rotateSigningKeys(s.svc, pool.id);
      const after2 = await poolJwks(s.svc, pool.id);
      assert.equal(after2.keys.length, 6);
      assert.ok(!after2.keys.some((k) => k.kid === headerOf(old.IdToken).kid), 'a key two rotations old is retired');
      assert.deepEqual(await verifyPoolToken(s.svc, old.AccessToken, 'access'), { ok: false, reason: 'invalid' });
      assert.equal((await verifyPoolToken(s.svc, fresh.AccessToken, 'access')).ok, true);
    });

    it('a rotation on one node is honoured by another within seconds', async (t) => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'nina');
      const b = otherNode(s.svc);
      // Time stands still but for explicit advances: node b's few-second cache must not expire on a slow machine.
      s.clock.freeze();
      t.after(() => s.clock.thaw());
      await poolJwks(s.svc, pool.id);
      const k0 = (await signingKey(b, pool.id, 'access')).kid;
      const { current } = await rotateSigningKeys(s.svc, pool.id);
      // the other node already knows the promoted key (it was `next`), so it verifies new tokens at once
      const early = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false });
      assert.equal(headerOf(early.AccessToken).kid, current.access);
      assert.equal((await verifyPoolToken(b, early.AccessToken, 'access')).ok, true);
      // node b trusts its view for a few seconds, and its old key stays valid meanwhile
      const old = await issueTokens(b, { pool, client, user, withRefreshToken: false });
      assert.equal(headerOf(old.AccessToken).kid, k0);
      assert.equal((await verifyPoolToken(s.svc, old.AccessToken, 'access')).ok, true);
      s.clock.advance(6_000);
      assert.equal((await signingKey(b, pool.id, 'access')).kid, current.access);
      // node b also verifies tokens the other node signs with the new key at once
      const c = otherNode(s.svc);
      const t2 = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false });
      assert.equal((await verifyPoolToken(c, t2.AccessToken, 'access')).ok, true);
    });
  });
}
