/**
 * Threat: a token minted just before a sign-out (in the same whole second as it) keeps working, or a sign-in
 * just after a sign-out is refused, because `iat` has one-second resolution. Both orders are pinned here at
 * the domain level, with the clock placed at the start of a second. Also: disabled and deleted users,
 * revoked authentications, and the cleanup of dead rows.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { issueTokens } from '../../src/tokens/issue.js';
import { authenticateAccessToken, verifyIdToken } from '../../src/tokens/access-token.js';
import { revokeOrigin, revokeUserTokens } from '../../src/tokens/revocation.js';
import { refreshWithToken, peekRefreshToken } from '../../src/tokens/refresh.js';
import { cleanupExpiredTokens } from '../../src/tokens/cleanup.js';
import { newJti, jtiTime } from '../../src/tokens/jti.js';
import { ensurePoolKeys } from '../../src/tokens/keys.js';
import { makePool, makeClient, insertUser, insertPool, claimsOf } from './fixtures.js';

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { type?: string; name: string; message: string };
    return { name: err.type ?? err.name, message: err.message };
  }
  throw new Error('expected a failure');
}

describe('jti', () => {
  it('is a v7 UUID carrying the mint millisecond', () => {
    const j = newJti(1_700_000_000_123);
    assert.match(j, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(jtiTime(j), 1_700_000_000_123);
    assert.equal(jtiTime('0b6f0c2e-55a8-4a55-9d9a-1f2e3d4c5b6a'), undefined);
  });
});

for (const d of DIALECTS) {
  describe(`revocation (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(async () => {
      await s.stop();
    });

    const setup = async (username: string) => {
      const pool = await insertPool(s.svc, makePool());
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, username);
      return { pool, client, user };
    };
    /** Moves the clock to 20 ms past a whole second, so the next few steps share one `iat`. */
    const startOfSecond = () => s.clock.advance(1000 - (s.clock.now() % 1000) + 20);

    it('GlobalSignOut refuses a token minted earlier in the same second and accepts one minted after', async () => {
      const { pool, client, user } = await setup('same-second');
      await ensurePoolKeys(s.svc, pool.id); // key generation must not eat into the second
      startOfSecond();
      const before = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      await revokeUserTokens(s.svc, pool.id, user.usernameKey);
      const after = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      assert.equal(claimsOf(before.AccessToken).iat, claimsOf(after.AccessToken).iat, 'the test needs both tokens in one second');
      const e = await failure(authenticateAccessToken(s.svc, before.AccessToken));
      assert.deepEqual(e, { name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
      const ok = await authenticateAccessToken(s.svc, after.AccessToken);
      assert.equal(ok.user.username, 'same-second');
      assert.deepEqual(ok.scopes, ['aws.cognito.signin.user.admin']);
      assert.equal(ok.clientId, client.id);
      const r = await failure(refreshWithToken(s.svc, { client, refreshToken: before.RefreshToken! }));
      assert.deepEqual(r, { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
      assert.ok((await refreshWithToken(s.svc, { client, refreshToken: after.RefreshToken! })).AccessToken);
    });

    it('refuses tokens of a revoked authentication only', async () => {
      const { pool, client, user } = await setup('origin');
      const a = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      const b = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      await revokeOrigin(s.svc, pool.id, String(claimsOf(a.AccessToken).origin_jti), s.clock.now() + 1000);
      assert.equal((await failure(authenticateAccessToken(s.svc, a.AccessToken))).message, 'Access Token has been revoked');
      assert.equal((await authenticateAccessToken(s.svc, b.AccessToken)).user.username, 'origin');
    });

    it('refuses disabled and deleted users', async () => {
      const { pool, client, user } = await setup('gone');
      const t = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      assert.deepEqual(await peekRefreshToken(s.svc, t.RefreshToken!), { username: 'gone', clientId: client.id, poolId: pool.id });
      await s.svc.db.updateTable('users').set({ enabled: 0 }).where('pool_id', '=', pool.id).execute();
      assert.deepEqual(await failure(authenticateAccessToken(s.svc, t.AccessToken)), { name: 'NotAuthorizedException', message: 'User is disabled.' });
      assert.deepEqual(await failure(refreshWithToken(s.svc, { client, refreshToken: t.RefreshToken! })), {
        name: 'NotAuthorizedException',
        message: 'User is disabled.',
      });
      await s.svc.db.deleteFrom('users').where('pool_id', '=', pool.id).execute();
      assert.equal((await failure(authenticateAccessToken(s.svc, t.AccessToken))).name, 'NotAuthorizedException');
      assert.equal((await failure(refreshWithToken(s.svc, { client, refreshToken: t.RefreshToken! }))).name, 'NotAuthorizedException');
      // the same name, created again, is another person
      await insertUser(s.svc, pool, 'gone');
      assert.equal((await failure(authenticateAccessToken(s.svc, t.AccessToken))).name, 'NotAuthorizedException');
    });

    it('checks ID tokens (identity pools) and custom required scopes the same way', async () => {
      const { pool, client, user } = await setup('idt');
      const t = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false, scopes: ['openid', 'email'] });
      const v = await verifyIdToken(s.svc, t.IdToken, { clientId: client.id });
      assert.equal(v.user.username, 'idt');
      assert.equal(v.claims.aud, client.id);
      assert.equal((await failure(verifyIdToken(s.svc, t.IdToken, { clientId: 'someone-else' }))).name, 'NotAuthorizedException');
      assert.equal((await failure(verifyIdToken(s.svc, t.AccessToken))).name, 'NotAuthorizedException');
      // an OAuth token without the admin scope serves userInfo but not the user-pool APIs
      assert.equal((await authenticateAccessToken(s.svc, t.AccessToken, { requiredScope: 'openid' })).user.username, 'idt');
      assert.deepEqual(await failure(authenticateAccessToken(s.svc, t.AccessToken)), {
        name: 'NotAuthorizedException',
        message: 'Access Token does not have required scopes',
      });
      await revokeUserTokens(s.svc, pool.id, user.usernameKey);
      assert.deepEqual(await failure(verifyIdToken(s.svc, t.IdToken)), { name: 'NotAuthorizedException', message: 'Token has been revoked' });
    });

    it('finds the user of a mixed-case username in a case-insensitive pool', async () => {
      const base = makePool();
      const pool = await insertPool(s.svc, { ...base, config: { ...base.config, UsernameConfiguration: { CaseSensitive: false } } });
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'MixedCase', {}, true, 'mixedcase');
      const t = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      const a = await authenticateAccessToken(s.svc, t.AccessToken);
      assert.equal(a.user.username, 'MixedCase');
      assert.equal(a.user.usernameKey, 'mixedcase');
      assert.deepEqual(await peekRefreshToken(s.svc, t.RefreshToken!), { username: 'MixedCase', clientId: client.id, poolId: pool.id });
      assert.ok((await refreshWithToken(s.svc, { client, refreshToken: t.RefreshToken! })).AccessToken);
    });

    it('cleans up refresh tokens and revoked origins nobody can use any more', async () => {
      const { pool, client, user } = await setup('old');
      const t = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      await revokeOrigin(s.svc, pool.id, String(claimsOf(t.AccessToken).origin_jti), s.clock.now());
      const count = async () => [
        (await s.svc.db.selectFrom('refresh_tokens').select('token_hash').where('pool_id', '=', pool.id).execute()).length,
        (await s.svc.db.selectFrom('revoked_origins').select('origin_jti').where('pool_id', '=', pool.id).execute()).length,
      ];
      await cleanupExpiredTokens(s.svc);
      assert.deepEqual(await count(), [1, 1]);
      s.clock.advance(40 * 86_400_000);
      await cleanupExpiredTokens(s.svc);
      assert.deepEqual(await count(), [0, 0]);
    });
  });
}
