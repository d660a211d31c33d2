/**
 * Threats: authorization-code replay (a code stolen after use must not work, and its first use must be
 * revoked), PKCE downgrade (a verifier sent for a code issued without a challenge), PKCE mismatch, a code
 * redeemed by another client or with another redirect URI, an expired code, and a code outliving a global
 * sign-out. Domain level: the end-to-end exchange through /oauth2/authorize is in code-flow.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { issueAuthorizationCode, redeemAuthorizationCode, CODE_TTL_MS } from '../../src/oauth/authorization-codes.js';
import { issueOAuthTokens } from '../../src/oauth/tokens.js';
import { OAuthError } from '../../src/oauth/errors.js';
import { authenticateAccessToken } from '../../src/tokens/access-token.js';
import { refreshWithToken } from '../../src/tokens/refresh.js';
import { revokeUserTokens } from '../../src/tokens/revocation.js';
import { makePool, makeClient, insertUser, insertPool, claimsOf } from '../tokens/fixtures.js';

const REDIRECT = 'https://app.example.com/cb';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

async function oauthFailure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OAuthError) return e.error;
    throw e;
  }
  throw new Error('expected an OAuth error');
}

for (const d of DIALECTS) {
  describe(`authorization codes (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(async () => {
      await s.stop();
    });

    const setup = async (name: string) => {
      const pool = await insertPool(s.svc, makePool());
      const client = makeClient(pool);
      const other = makeClient(pool);
      const user = await insertUser(s.svc, pool, name, { email: `${name}@example.com` });
      const authTime = Math.floor(s.clock.now() / 1000);
      const code = (extra: Record<string, unknown> = {}) =>
        issueAuthorizationCode(s.svc, { pool, client, user, redirectUri: REDIRECT, scopes: ['openid', 'email'], authTime, nonce: 'n-1', ...extra });
      return { pool, client, other, user, code, authTime };
    };

    it('redeems once with S256 PKCE and carries scopes, nonce and auth_time into the tokens', async () => {
      const { client, code, authTime } = await setup('pkce');
      const c = await code({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
      const row = await s.svc.db.selectFrom('oauth_codes').selectAll().execute();
      assert.ok(!JSON.stringify(row).includes(c), 'only a hash of the code is stored');
      const r = await redeemAuthorizationCode(s.svc, { client, code: c, redirectUri: REDIRECT, codeVerifier: VERIFIER });
      assert.deepEqual(r.scopes, ['openid', 'email']);
      assert.equal(r.nonce, 'n-1');
      assert.equal(r.authTime, authTime);
      const t = await issueOAuthTokens(s.svc, { ...r, client, withRefreshToken: true });
      const id = claimsOf(t.id_token!);
      assert.equal(id.nonce, 'n-1');
      assert.equal(id.origin_jti, r.originJti);
      assert.equal(typeof id.at_hash, 'string');
      assert.equal(claimsOf(t.access_token).scope, 'openid email');
      // A refresh keeps the granted scopes.
      const again = await refreshWithToken(s.svc, { client, refreshToken: t.refresh_token!, flow: 'oauth2' });
      assert.equal(claimsOf(again.AccessToken).scope, 'openid email');
    });

    it('threat: a replayed code is refused and revokes the tokens its first use issued', async () => {
      const { client, code } = await setup('replay');
      const c = await code();
      const r = await redeemAuthorizationCode(s.svc, { client, code: c, redirectUri: REDIRECT, codeVerifier: undefined });
      const t = await issueOAuthTokens(s.svc, { ...r, scopes: ['openid', 'aws.cognito.signin.user.admin'], client, withRefreshToken: true });
      assert.ok(await authenticateAccessToken(s.svc, t.access_token));
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: c, redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
      await assert.rejects(authenticateAccessToken(s.svc, t.access_token), /revoked/);
      await assert.rejects(refreshWithToken(s.svc, { client, refreshToken: t.refresh_token! }), /revoked/);
    });

    it('threat: PKCE downgrade and mismatch are invalid_grant, and the code is spent', async () => {
      const { client, code } = await setup('downgrade');
      const plain = await code();
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: plain, redirectUri: REDIRECT, codeVerifier: VERIFIER })), 'invalid_grant');
      const withChallenge = await code({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: withChallenge, redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
      const wrong = await code({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
      assert.equal(
        await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: wrong, redirectUri: REDIRECT, codeVerifier: VERIFIER.replace('d', 'e') })),
        'invalid_grant',
      );
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: wrong, redirectUri: REDIRECT, codeVerifier: VERIFIER })), 'invalid_grant');
      const plainMethod = await code({ codeChallenge: VERIFIER, codeChallengeMethod: 'plain' });
      assert.ok(await redeemAuthorizationCode(s.svc, { client, code: plainMethod, redirectUri: REDIRECT, codeVerifier: VERIFIER }));
    });

    it('refuses another client, another redirect URI, an expired code and a code older than a global sign-out', async () => {
      const { pool, client, other, user, code } = await setup('binding');
      const c1 = await code();
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client: other, code: c1, redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: c1, redirectUri: `${REDIRECT}/x`, codeVerifier: undefined })), 'invalid_grant');
      const c2 = await code();
      s.clock.advance(CODE_TTL_MS + 1);
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: c2, redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
      const c3 = await code();
      await revokeUserTokens(s.svc, pool.id, user.usernameKey);
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: c3, redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
      assert.equal(await oauthFailure(redeemAuthorizationCode(s.svc, { client, code: 'not-a-code', redirectUri: REDIRECT, codeVerifier: undefined })), 'invalid_grant');
    });

    it('issues no ID token without openid', async () => {
      const { pool, client, user } = await setup('noid');
      const t = await issueOAuthTokens(s.svc, { pool, client, user, scopes: ['email'], authTime: 1, withRefreshToken: false });
      assert.equal(t.id_token, undefined);
      assert.equal(t.refresh_token, undefined);
      assert.equal(claimsOf(t.access_token).version, 2);
    });
  });
}
