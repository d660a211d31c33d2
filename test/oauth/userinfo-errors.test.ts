/**
 * /oauth2/userInfo errors as Cognito documents them (userinfo-endpoint: "400 … error="invalid_request",
 * error_description="Bad OAuth2 request at UserInfo Endpoint"" and "401 … error="invalid_token"") in RFC 6750
 * §3 form: a WWW-Authenticate Bearer challenge plus the same error as JSON. Threat: a token that is not a
 * live, openid-scoped access token of this pool (malformed, forged, expired, revoked, an ID token, an
 * InitiateAuth token, a disabled user's) never yields claims.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AdminDisableUserCommand, AdminEnableUserCommand, CreateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { Browser, CALLBACK, createClient, createPool, createUser, formPost, passwordSignIn, publicFetch, startOAuthServer } from './fixtures.js';

const EXPIRED = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';
const BAD_REQUEST = 'Bad OAuth2 request at UserInfo Endpoint';

for (const d of DIALECTS) {
  describe(`userInfo error shapes (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let app: { id: string };
    before(async () => {
      s = await startOAuthServer(d);
      poolId = await createPool(s.idp);
      await s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `ui-${Math.random().toString(36).slice(2, 10)}` }));
      app = await createClient(s.idp, poolId, {
        AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO'], ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      });
      await createUser(s.idp, poolId, 'alice', { email: 'alice@example.com' });
    });
    after(async () => {
      await s.stop();
    });

    /** Tokens from the hosted UI's code flow (so the access token carries openid). */
    const codeTokens = async () => {
      const url = `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.id, redirect_uri: CALLBACK, scope: 'openid email' })}`;
      const done = await new Browser(s).authorize(url, 'alice');
      const code = new URL(done.location!).searchParams.get('code')!;
      const r = await formPost(s, '/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: app.id });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as { access_token: string; id_token: string; refresh_token: string };
    };

    const userInfo = async (init: RequestInit = {}) => {
      const res = await publicFetch(s, '/oauth2/userInfo', init);
      const text = await res.text();
      return { status: res.status, www: res.headers.get('www-authenticate') ?? '', type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
    };
    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

    const assertBadRequest = (r: Awaited<ReturnType<typeof userInfo>>) => {
      assert.equal(r.status, 400);
      assert.equal(r.www, `Bearer error="invalid_request", error_description="${BAD_REQUEST}"`);
      assert.match(r.type, /^application\/json/);
      assert.deepEqual(r.body, { error: 'invalid_request', error_description: BAD_REQUEST });
    };
    const assertInvalidToken = (r: Awaited<ReturnType<typeof userInfo>>, description = EXPIRED) => {
      assert.equal(r.status, 401);
      assert.equal(r.www, `Bearer error="invalid_token", error_description="${description}"`);
      assert.deepEqual(r.body, { error: 'invalid_token', error_description: description });
    };

    it('a valid openid access token gets claims (the baseline the error cases differ from)', async () => {
      const t = await codeTokens();
      const r = await userInfo(bearer(t.access_token));
      assert.equal(r.status, 200);
      assert.equal(r.body.username, 'alice');
    });

    it('missing token: 400 invalid_request, GET and POST alike', async () => {
      assertBadRequest(await userInfo());
      assertBadRequest(await userInfo({ method: 'POST' }));
      assertBadRequest(await userInfo({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'other=1' }));
      assertBadRequest(await userInfo({ headers: { authorization: 'Bearer' } }));
      assertBadRequest(await userInfo({ headers: { authorization: 'Bearer   ' } }));
    });

    it('malformed request: another auth scheme, or the token in two places, is 400 invalid_request', async () => {
      const t = await codeTokens();
      assertBadRequest(await userInfo({ headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }));
      assertBadRequest(await userInfo({ headers: { authorization: t.access_token } }));
      assertBadRequest(await userInfo({
        method: 'POST',
        headers: { authorization: `Bearer ${t.access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ access_token: t.access_token }).toString(),
      }));
    });

    it('malformed or forged token: 401 invalid_token', async () => {
      assertInvalidToken(await userInfo(bearer('not-a-jwt')));
      assertInvalidToken(await userInfo(bearer('a.b.c')));
      const t = await codeTokens();
      const [h, p] = t.access_token.split('.');
      const forged = JSON.parse(Buffer.from(p!, 'base64url').toString());
      forged.username = 'mallory';
      assertInvalidToken(await userInfo(bearer(`${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${t.access_token.split('.')[2]}`)));
    });

    it('not an access token: the ID token is 401 invalid_token', async () => {
      const t = await codeTokens();
      assertInvalidToken(await userInfo(bearer(t.id_token)));
    });

    it('no openid scope: an InitiateAuth access token is 401 invalid_token "Access token does not contain openid scope"', async () => {
      const t = await passwordSignIn(s.publicIdp, app.id, 'alice');
      assertInvalidToken(await userInfo(bearer(t.AccessToken!)), 'Access token does not contain openid scope');
    });

    it('revoked: after /oauth2/revoke of its refresh token the access token is 401 invalid_token', async () => {
      const t = await codeTokens();
      assert.equal((await userInfo(bearer(t.access_token))).status, 200);
      const revoke = await formPost(s, '/oauth2/revoke', { token: t.refresh_token, client_id: app.id });
      assert.equal(revoke.status, 200);
      assertInvalidToken(await userInfo(bearer(t.access_token)));
    });

    it('disabled user: 401 invalid_token, and the token stays dead after re-enabling (AdminDisableUser revokes tokens)', async () => {
      const t = await codeTokens();
      await s.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      try {
        assertInvalidToken(await userInfo(bearer(t.access_token)));
      } finally {
        await s.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      }
      assertInvalidToken(await userInfo(bearer(t.access_token)));
      assert.equal((await userInfo(bearer((await codeTokens()).access_token))).status, 200);
    });

    it('expired: an hour and a minute later the access token is 401 invalid_token', async () => {
      const t = await codeTokens();
      s.clock.advance(61 * 60_000);
      try {
        assertInvalidToken(await userInfo(bearer(t.access_token)));
      } finally {
        s.clock.advance(-61 * 60_000);
      }
    });
  });
}
