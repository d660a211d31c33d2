/**
 * Threat: a caller presents a token we did not mint for this purpose — forged with another key, tampered with,
 * signed with `alg: none` or HS256 keyed with our public key, from another pool or issuer, an ID token where
 * an access token belongs, or simply expired. Every one must be refused before any user data is touched.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, generateKeyPair, UnsecuredJWT } from 'jose';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { issueTokens } from '../../src/tokens/issue.js';
import { poolJwks } from '../../src/tokens/keys.js';
import { verifyPoolToken } from '../../src/tokens/verify.js';
import { makePool, makeClient, insertUser, claimsOf, headerOf } from './fixtures.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

for (const d of DIALECTS) {
  describe(`token verification refuses forgeries (${d})`, () => {
    let s: TestServer;
    let access: string;
    let id: string;
    let poolId: string;
    before(async () => {
      s = await startTestServer(d);
      const pool = makePool();
      poolId = pool.id;
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'mallory-target');
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false });
      access = r.AccessToken;
      id = r.IdToken;
    });
    after(async () => {
      await s.stop();
    });

    it('accepts the genuine token', async () => {
      const v = await verifyPoolToken(s.svc, access, 'access');
      assert.equal(v.ok, true);
    });

    it('refuses a token signed with another key under our kid', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT(claimsOf(access)).setProtectedHeader(headerOf(access) as { alg: string; kid: string }).sign(privateKey);
      assert.deepEqual(await verifyPoolToken(s.svc, forged, 'access'), { ok: false, reason: 'invalid' });
    });

    it('refuses a tampered payload', async () => {
      const [h, , sig] = access.split('.');
      const tampered = `${h}.${b64({ ...claimsOf(access), username: 'admin' })}.${sig}`;
      assert.deepEqual(await verifyPoolToken(s.svc, tampered, 'access'), { ok: false, reason: 'invalid' });
    });

    it('refuses alg none and HS256 keyed with the public key', async () => {
      const unsecured = new UnsecuredJWT(claimsOf(access)).encode();
      assert.deepEqual(await verifyPoolToken(s.svc, unsecured, 'access'), { ok: false, reason: 'invalid' });
      const jwk = (await poolJwks(s.svc, poolId)).keys.find((k) => k.kid === headerOf(access).kid)!;
      const hs = await new SignJWT(claimsOf(access))
        .setProtectedHeader({ alg: 'HS256', kid: jwk.kid })
        .sign(new TextEncoder().encode(JSON.stringify(jwk)));
      assert.deepEqual(await verifyPoolToken(s.svc, hs, 'access'), { ok: false, reason: 'invalid' });
    });

    it('refuses an ID token as an access token and vice versa', async () => {
      assert.deepEqual(await verifyPoolToken(s.svc, id, 'access'), { ok: false, reason: 'invalid' });
      assert.deepEqual(await verifyPoolToken(s.svc, access, 'id'), { ok: false, reason: 'invalid' });
    });

    it('refuses a token of another pool and a foreign issuer', async () => {
      const other = makePool();
      const client = makeClient(other);
      const user = await insertUser(s.svc, other, 'someone');
      const theirs = await issueTokens(s.svc, { pool: other, client, user, withRefreshToken: false });
      // their genuine token, relabelled as ours: the signature no longer matches
      const [h, , sig] = theirs.AccessToken.split('.');
      const relabelled = `${h}.${b64({ ...claimsOf(theirs.AccessToken), iss: `${s.url}/${poolId}` })}.${sig}`;
      assert.deepEqual(await verifyPoolToken(s.svc, relabelled, 'access'), { ok: false, reason: 'invalid' });
      // a token whose issuer is not ours at all
      const [h2, , sig2] = access.split('.');
      const foreign = `${h2}.${b64({ ...claimsOf(access), iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}` })}.${sig2}`;
      assert.deepEqual(await verifyPoolToken(s.svc, foreign, 'access'), { ok: false, reason: 'invalid' });
    });

    it('refuses garbage without touching the store', async () => {
      for (const t of ['', 'abc', 'a.b.c', `${access}x.y`, 'eyJhbGciOiJSUzI1NiJ9.e30.']) {
        assert.deepEqual(await verifyPoolToken(s.svc, t, 'access'), { ok: false, reason: 'invalid' });
      }
    });

    it('reports an expired token as expired once the clock passes exp', async () => {
      s.clock.advance(3601_000);
      try {
        assert.deepEqual(await verifyPoolToken(s.svc, access, 'access'), { ok: false, reason: 'expired' });
      } finally {
        s.clock.advance(-3601_000);
      }
    });
  });
}
