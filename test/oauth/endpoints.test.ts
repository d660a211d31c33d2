/**
 * The OAuth 2.0 / OIDC endpoints with openid-client v6 as the relying party: discovery (the OpenID
 * Foundation's Config OP checks, oidcc-discovery-endpoint-verification), client_credentials with
 * resource-server scopes, refresh, userInfo and revocation, and RFC 6749 errors. Tests that need an
 * authorization code from the hosted UI are in code-flow.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import {
  PUBLIC_URL, basic, createClient, createPool, createUser, formPost, jwtClaims, m2mSetup, passwordSignIn, publicFetch, relyingParty,
  startOAuthServer,
} from './fixtures.js';

const oauthErrorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e: any) {
    return { error: e.error ?? e.cause?.error ?? e.code, status: e.status ?? e.response?.status };
  }
  throw new Error('expected an OAuth error');
};

for (const d of DIALECTS) {
  describe(`OAuth endpoints (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let m2m: { id: string; secret?: string };
    let app: { id: string; secret?: string };
    let publicApp: { id: string };
    before(async () => {
      s = await startOAuthServer(d);
      poolId = await createPool(s.idp);
      m2m = await m2mSetup(s.idp, poolId);
      const flows = { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const] };
      app = await createClient(s.idp, poolId, { ...flows, GenerateSecret: true });
      publicApp = await createClient(s.idp, poolId, flows);
      await createUser(s.idp, poolId, 'alice', { email: 'alice@example.com' });
    });
    after(async () => {
      await s.stop();
    });

    it('oidcc-discovery-endpoint-verification: the Config OP checks hold and openid-client discovers the pool', async () => {
      const issuer = `${PUBLIC_URL}/${poolId}`;
      const res = await publicFetch(s, `/${poolId}/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const doc = (await res.json()) as Record<string, any>;
      assert.equal(doc.issuer, issuer, 'issuer equals the URL discovery was fetched under');
      for (const k of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'revocation_endpoint', 'end_session_endpoint']) {
        assert.equal(typeof doc[k], 'string', k);
        assert.equal(new URL(doc[k]).protocol, 'https:', `${k} is https`);
      }
      assert.ok(doc.response_types_supported.includes('code'));
      assert.ok(doc.subject_types_supported.every((t: string) => ['public', 'pairwise'].includes(t)));
      assert.ok(doc.id_token_signing_alg_values_supported.includes('RS256'));
      assert.ok(!doc.id_token_signing_alg_values_supported.includes('none'));
      assert.ok(doc.scopes_supported.includes('openid'));
      assert.ok(Array.isArray(doc.claims_supported) && doc.claims_supported.includes('sub'));
      assert.ok(doc.grant_types_supported.includes('authorization_code'));
      assert.ok(doc.response_modes_supported.includes('query'));
      assert.equal(doc.request_uri_parameter_supported, false, 'absent would mean supported');
      assert.equal(doc.request_parameter_supported, false);
      assert.equal(doc.claims_parameter_supported, false);
      assert.ok(doc.token_endpoint_auth_methods_supported.includes('client_secret_basic'));
      // The JWKS: public RSA signing keys with distinct kids and no private or symmetric material.
      const jwks = (await (await publicFetch(s, doc.jwks_uri)).json()) as { keys: Record<string, string>[] };
      assert.ok(jwks.keys.length >= 2);
      assert.equal(new Set(jwks.keys.map((k) => k.kid)).size, jwks.keys.length);
      for (const k of jwks.keys) {
        assert.equal(k.kty, 'RSA');
        assert.equal(k.use, 'sig');
        assert.equal(k.alg, 'RS256');
        for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert.equal(k[priv], undefined, `no ${priv}`);
      }
      const rp = await relyingParty(s, poolId, m2m.id, oidc.ClientSecretBasic(m2m.secret!), m2m.secret);
      assert.equal(rp.serverMetadata().issuer, issuer);
      assert.equal(rp.serverMetadata().token_endpoint, `${PUBLIC_URL}/oauth2/token`);
    });

    it('client_credentials: basic and post auth, resource-server scopes, sub is the client', async () => {
      for (const auth of [oidc.ClientSecretBasic(m2m.secret!), oidc.ClientSecretPost(m2m.secret!)]) {
        const rp = await relyingParty(s, poolId, m2m.id, auth, m2m.secret);
        const all = await oidc.clientCredentialsGrant(rp);
        assert.equal(all.token_type.toLowerCase(), 'bearer');
        assert.equal(all.expires_in, 3600);
        assert.equal(all.refresh_token, undefined);
        assert.equal(all.id_token, undefined);
        const c = jwtClaims(all.access_token);
        assert.equal(c.sub, m2m.id);
        assert.equal(c.client_id, m2m.id);
        assert.equal(c.token_use, 'access');
        assert.equal(c.iss, `${PUBLIC_URL}/${poolId}`);
        assert.equal(c.scope, 'https://api.example.com/read https://api.example.com/write');
        const one = await oidc.clientCredentialsGrant(rp, { scope: 'https://api.example.com/write' });
        assert.equal(jwtClaims(one.access_token).scope, 'https://api.example.com/write');
      }
    });

    it('threat: scope escalation — a scope the client was not given, or a user scope, is invalid_scope', async () => {
      const rp = await relyingParty(s, poolId, m2m.id, oidc.ClientSecretBasic(m2m.secret!), m2m.secret);
      for (const scope of ['https://api.example.com/admin', 'https://api.example.com/read https://api.example.com/admin', 'openid', 'aws.cognito.signin.user.admin']) {
        const e = await oauthErrorOf(oidc.clientCredentialsGrant(rp, { scope }));
        assert.equal(e.error, 'invalid_scope', scope);
      }
    });

    it('client_credentials needs a confidential client with the flow enabled (unauthorized_client)', async () => {
      const noFlow = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, { authorization: basic(app.id, app.secret!) });
      assert.equal(noFlow.status, 400);
      assert.equal(noFlow.body.error, 'unauthorized_client');
      const pub = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials', client_id: publicApp.id });
      assert.equal(pub.body.error, 'unauthorized_client');
    });

    it('threat: client secret guessing — every wrong secret gets the same 401 invalid_client, compared in constant time', async () => {
      const answers = [];
      const sec = m2m.secret!;
      const other = (c: string) => (c === 'x' ? 'y' : 'x');
      for (const wrong of [`${other(sec[0]!)}${sec.slice(1)}`, `${sec.slice(0, -1)}${other(sec.at(-1)!)}`, 'short', '']) {
        const r = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, { authorization: basic(m2m.id, wrong) });
        answers.push({ status: r.status, body: r.body, www: r.headers.get('www-authenticate') });
      }
      const unknown = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, { authorization: basic('nosuchclient000000000000000', 'x') });
      answers.push({ status: unknown.status, body: unknown.body, www: unknown.headers.get('www-authenticate') });
      for (const a of answers) {
        assert.deepEqual(a, answers[0]);
      }
      assert.equal(answers[0]!.status, 401);
      assert.equal(answers[0]!.body.error, 'invalid_client');
      assert.match(answers[0]!.www ?? '', /^Basic /);
      const post = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials', client_id: m2m.id, client_secret: 'wrong' });
      assert.equal(post.status, 401);
      assert.equal(post.body.error, 'invalid_client');
      const both = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials', client_secret: m2m.secret! }, { authorization: basic(m2m.id, m2m.secret!) });
      assert.equal(both.body.error, 'invalid_request', 'two authentication methods at once');
    });

    it('refresh_token: openid-client refreshes a sign-in, and another client or a revoked token is invalid_grant', async () => {
      const t = await passwordSignIn(s.publicIdp, publicApp.id, 'alice');
      const rp = await relyingParty(s, poolId, publicApp.id, oidc.None());
      const r = await oidc.refreshTokenGrant(rp, t.RefreshToken!);
      assert.equal(r.refresh_token, undefined, 'no rotation configured');
      assert.equal(r.claims()!.sub, jwtClaims(t.IdToken!).sub);
      assert.equal(jwtClaims(r.access_token).origin_jti, jwtClaims(t.AccessToken!).origin_jti);
      const other = await relyingParty(s, poolId, app.id, oidc.ClientSecretPost(app.secret!), app.secret);
      assert.equal((await oauthErrorOf(oidc.refreshTokenGrant(other, t.RefreshToken!))).error, 'invalid_grant');
      await oidc.tokenRevocation(rp, t.RefreshToken!);
      assert.equal((await oauthErrorOf(oidc.refreshTokenGrant(rp, t.RefreshToken!))).error, 'invalid_grant');
      assert.equal((await oauthErrorOf(oidc.refreshTokenGrant(rp, 'A'.repeat(43)))).error, 'invalid_grant');
    });

    it('oidcc-userinfo-get: an access token from InitiateAuth (no openid scope) is refused, as Cognito refuses it', async () => {
      const t = await passwordSignIn(s.publicIdp, publicApp.id, 'alice');
      const rp = await relyingParty(s, poolId, publicApp.id, oidc.None());
      const e = await oauthErrorOf(oidc.fetchUserInfo(rp, t.AccessToken!, oidc.skipSubjectCheck));
      assert.equal(e.status, 401);
      const raw = await publicFetch(s, '/oauth2/userInfo', { headers: { authorization: `Bearer ${t.AccessToken}` } });
      assert.equal(raw.status, 401);
      assert.match(raw.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      const none = await publicFetch(s, '/oauth2/userInfo');
      assert.equal(none.status, 400, 'Cognito: a request without a token is 400 invalid_request');
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_request"/);
      const forged = await publicFetch(s, '/oauth2/userInfo', { headers: { authorization: 'Bearer a.b.c' } });
      assert.equal(forged.status, 401);
    });

    it('revoke (RFC 7009): unknown tokens succeed, access tokens are unsupported_token_type, other clients are refused', async () => {
      const pt = await passwordSignIn(s.publicIdp, publicApp.id, 'alice');
      const unknown = await formPost(s, '/oauth2/revoke', { token: 'B'.repeat(43), client_id: publicApp.id });
      assert.equal(unknown.status, 200);
      const access = await formPost(s, '/oauth2/revoke', { token: pt.AccessToken!, client_id: publicApp.id });
      assert.equal(access.status, 400);
      assert.equal(access.body.error, 'unsupported_token_type');
      const foreign = await formPost(s, '/oauth2/revoke', { token: pt.RefreshToken! }, { authorization: basic(app.id, app.secret!) });
      assert.equal(foreign.status, 401);
      assert.equal(foreign.body.error, 'invalid_client');
      const missing = await formPost(s, '/oauth2/revoke', { client_id: publicApp.id });
      assert.equal(missing.body.error, 'invalid_request');
      const ok = await formPost(s, '/oauth2/revoke', { token: pt.RefreshToken!, client_id: publicApp.id });
      assert.equal(ok.status, 200);
      const again = await formPost(s, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: pt.RefreshToken!, client_id: publicApp.id });
      assert.equal(again.body.error, 'invalid_grant');
    });

    it('oidcc-unknown-parameters and RFC 6749 request errors at the token endpoint', async () => {
      const auth = { authorization: basic(m2m.id, m2m.secret!) };
      const extra = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials', extra_param: 'foobar', another: '1' }, auth);
      assert.equal(extra.status, 200, 'unknown parameters are ignored');
      assert.equal(extra.headers.get('cache-control'), 'no-store');
      const cases: Array<[Record<string, string>, string]> = [
        [{}, 'invalid_request'],
        [{ grant_type: 'password', username: 'alice', password: 'x' }, 'unsupported_grant_type'],
        [{ grant_type: 'authorization_code', redirect_uri: 'https://app.example.com/callback' }, 'invalid_request'],
        [{ grant_type: 'refresh_token' }, 'invalid_request'],
      ];
      for (const [params, error] of cases) {
        const r = await formPost(s, '/oauth2/token', params, auth);
        assert.equal(r.status, 400, JSON.stringify(params));
        assert.equal(r.body.error, error, JSON.stringify(params));
      }
      const code = await formPost(s, '/oauth2/token', { grant_type: 'authorization_code', code: 'x', redirect_uri: 'https://app.example.com/callback' }, auth);
      assert.equal(code.body.error, 'unauthorized_client', 'the client has no code flow');
      const twice = await publicFetch(s, '/oauth2/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
        body: 'grant_type=client_credentials&grant_type=client_credentials',
      });
      assert.equal(twice.status, 400);
      assert.equal(((await twice.json()) as any).error, 'invalid_request');
      const json = await publicFetch(s, '/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{"grant_type":"client_credentials"}' });
      assert.equal(json.status, 400);
      assert.equal(((await json.json()) as any).error, 'invalid_request');
    });
  });
}
