/**
 * The authorization-code flow end to end with openid-client v6 as the relying party, signing in on the hosted
 * UI's login page: PKCE, nonce echo, userInfo by GET / POST header / POST body, scope-filtered claims, and the
 * OpenID Basic OP behaviours named after their conformance modules. Threats: code replay (the first
 * exchange's tokens are revoked), PKCE downgrade, redirect-URI substitution, scope escalation.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { CreateUserPoolDomainCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { Browser, CALLBACK, PUBLIC_URL, basic, createClient, createPool, createUser, formPost, jwtClaims, publicFetch, relyingParty, startOAuthServer } from './fixtures.js';

const SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e: any) {
    return { error: e.error ?? e.code, status: e.status };
  }
  throw new Error('expected an OAuth error');
};

for (const d of DIALECTS) {
  describe(`authorization code flow (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let web: { id: string; secret?: string };
    let spa: { id: string };
    let rpWeb: oidc.Configuration;
    let rpSpa: oidc.Configuration;
    before(async () => {
      s = await startOAuthServer(d);
      poolId = await createPool(s.idp);
      await s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `oauth-${Math.random().toString(36).slice(2, 10)}` }));
      const oauth = {
        AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: SCOPES,
        CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
      };
      web = await createClient(s.idp, poolId, { ...oauth, GenerateSecret: true });
      spa = await createClient(s.idp, poolId, { ...oauth, AllowedOAuthScopes: ['openid', 'email'] });
      await createUser(s.idp, poolId, 'alice', { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550100', name: 'Alice' });
      rpWeb = await relyingParty(s, poolId, web.id, oidc.ClientSecretBasic(web.secret!), web.secret);
      rpSpa = await relyingParty(s, poolId, spa.id, oidc.None());
    });
    after(async () => {
      await s.stop();
    });

    /** Signs alice in for a relying party; returns the callback URL and the checks to redeem it with. */
    const signIn = async (rp: oidc.Configuration, params: Record<string, string> = {}, opts: { pkce?: boolean } = {}) => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const pkce: Record<string, string> = opts.pkce === false ? {} : { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' };
      const url = oidc.buildAuthorizationUrl(rp, { redirect_uri: CALLBACK, scope: 'openid email', state, nonce, ...pkce, ...params });
      const done = await new Browser(s).authorize(url, 'alice');
      assert.ok(done.location?.startsWith(CALLBACK), `reached the callback: ${done.status} ${done.location} ${done.html.slice(0, 300)}`);
      return { callback: new URL(done.location!), verifier, state, nonce };
    };

    it('oidcc-server: code + PKCE S256 with openid-client, nonce echoed, scopes granted, refresh keeps them', async () => {
      const a = await signIn(rpSpa);
      const t = await oidc.authorizationCodeGrant(rpSpa, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce });
      const id = t.claims()!;
      assert.equal(id.nonce, a.nonce);
      assert.equal(id.aud, spa.id);
      assert.equal(id.iss, `${PUBLIC_URL}/${poolId}`);
      assert.equal(id.email, 'alice@example.com');
      assert.equal(typeof id.at_hash, 'string');
      const access = jwtClaims(t.access_token);
      assert.equal(access.scope, 'openid email');
      assert.equal(access.version, 2);
      assert.equal(access.username, 'alice');
      assert.ok(t.refresh_token);
      const r = await oidc.refreshTokenGrant(rpSpa, t.refresh_token!);
      assert.equal(jwtClaims(r.access_token).scope, 'openid email');
      assert.equal(r.claims()!.sub, id.sub);
      assert.equal(r.claims()!.nonce, undefined, 'no nonce on refresh');
    });

    it('oidcc-ensure-request-without-nonce-succeeds-for-code-flow, with a confidential client and no PKCE', async () => {
      const url = oidc.buildAuthorizationUrl(rpWeb, { redirect_uri: CALLBACK, scope: SCOPES.join(' '), state: 's1' });
      const done = await new Browser(s).authorize(url, 'alice');
      const t = await oidc.authorizationCodeGrant(rpWeb, new URL(done.location!), { expectedState: 's1' });
      assert.equal(t.claims()!.nonce, undefined);
      assert.deepEqual(jwtClaims(t.access_token).scope.split(' ').sort(), [...SCOPES].sort());
    });

    it('oidcc-userinfo-get, oidcc-userinfo-post-header, oidcc-userinfo-post-body: the same claims three ways', async () => {
      const url = oidc.buildAuthorizationUrl(rpWeb, { redirect_uri: CALLBACK, scope: 'openid', state: 's2' });
      const done = await new Browser(s).authorize(url, 'alice');
      const t = await oidc.authorizationCodeGrant(rpWeb, new URL(done.location!), { expectedState: 's2' });
      const sub = t.claims()!.sub;
      const get = await oidc.fetchUserInfo(rpWeb, t.access_token, sub);
      assert.equal(get.sub, sub);
      assert.equal(get.username, 'alice');
      assert.equal(get.email, 'alice@example.com');
      assert.equal(get.email_verified, 'true', 'strings, as Cognito sends them');
      assert.equal(get.phone_number, '+15555550100');
      const postHeader = await publicFetch(s, '/oauth2/userInfo', { method: 'POST', headers: { authorization: `Bearer ${t.access_token}` } });
      assert.equal(postHeader.status, 200);
      assert.deepEqual(await postHeader.json(), get);
      const postBody = await formPost(s, '/oauth2/userInfo', { access_token: t.access_token });
      assert.equal(postBody.status, 200);
      assert.deepEqual(postBody.body, get);
      const both = await formPost(s, '/oauth2/userInfo', { access_token: t.access_token }, { authorization: `Bearer ${t.access_token}` });
      assert.equal(both.status, 400);
    });

    it('oidcc-scope-email: userInfo returns only what the granted scopes allow', async () => {
      const url = oidc.buildAuthorizationUrl(rpWeb, { redirect_uri: CALLBACK, scope: 'openid email', state: 's3' });
      const done = await new Browser(s).authorize(url, 'alice');
      const t = await oidc.authorizationCodeGrant(rpWeb, new URL(done.location!), { expectedState: 's3' });
      const info = await oidc.fetchUserInfo(rpWeb, t.access_token, t.claims()!.sub);
      assert.deepEqual(Object.keys(info).sort(), ['email', 'email_verified', 'sub', 'username']);
    });

    it('oidcc-codereuse — threat: a replayed code is invalid_grant and revokes the tokens of its first exchange', async () => {
      const a = await signIn(rpSpa);
      const checks = { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce };
      const t = await oidc.authorizationCodeGrant(rpSpa, a.callback, checks);
      assert.ok(await oidc.fetchUserInfo(rpSpa, t.access_token, t.claims()!.sub));
      assert.equal((await errorOf(oidc.authorizationCodeGrant(rpSpa, a.callback, checks))).error, 'invalid_grant');
      const after = await publicFetch(s, '/oauth2/userInfo', { headers: { authorization: `Bearer ${t.access_token}` } });
      assert.equal(after.status, 401, 'the access token of the first exchange is revoked');
      assert.equal((await errorOf(oidc.refreshTokenGrant(rpSpa, t.refresh_token!))).error, 'invalid_grant');
    });

    it('oidcc-ensure-registered-redirect-uri — threat: an unregistered redirect_uri is never redirected to, nor accepted at the token endpoint', async () => {
      const url = oidc.buildAuthorizationUrl(rpSpa, { redirect_uri: 'https://evil.example/callback', scope: 'openid', state: 's4' });
      const r = await new Browser(s).get(String(url));
      assert.ok(r.status >= 400, `error page, got ${r.status}`);
      assert.equal(r.location, undefined);
      const a = await signIn(rpSpa);
      const swapped = await formPost(s, '/oauth2/token', {
        grant_type: 'authorization_code', client_id: spa.id, code: a.callback.searchParams.get('code')!, redirect_uri: `${CALLBACK}/other`, code_verifier: a.verifier,
      });
      assert.equal(swapped.status, 400);
      assert.equal(swapped.body.error, 'invalid_grant');
    });

    it('threat: PKCE downgrade — a code with a challenge needs its verifier, a code without one refuses a verifier', async () => {
      const a = await signIn(rpSpa);
      const code = a.callback.searchParams.get('code')!;
      const without = await formPost(s, '/oauth2/token', { grant_type: 'authorization_code', client_id: spa.id, code, redirect_uri: CALLBACK });
      assert.equal(without.body.error, 'invalid_grant');
      const b = await signIn(rpWeb, {}, { pkce: false });
      const injected = await formPost(
        s, '/oauth2/token',
        { grant_type: 'authorization_code', code: b.callback.searchParams.get('code')!, redirect_uri: CALLBACK, code_verifier: b.verifier },
        { authorization: basic(web.id, web.secret!) },
      );
      assert.equal(injected.body.error, 'invalid_grant');
      const other = await signIn(rpSpa);
      const wrong = await formPost(s, '/oauth2/token', {
        grant_type: 'authorization_code', client_id: spa.id, code: other.callback.searchParams.get('code')!, redirect_uri: CALLBACK, code_verifier: oidc.randomPKCECodeVerifier(),
      });
      assert.equal(wrong.body.error, 'invalid_grant');
    });

    it('oidcc-unknown-parameters at authorize; threat: scope escalation beyond AllowedOAuthScopes is invalid_scope', async () => {
      const a = await signIn(rpSpa, { extra_param: 'foobar' });
      const t = await oidc.authorizationCodeGrant(rpSpa, a.callback, { pkceCodeVerifier: a.verifier, expectedState: a.state, expectedNonce: a.nonce });
      assert.ok(t.access_token);
      const url = oidc.buildAuthorizationUrl(rpSpa, { redirect_uri: CALLBACK, scope: 'openid profile aws.cognito.signin.user.admin', state: 's5' });
      const r = await new Browser(s).authorize(url, 'alice');
      assert.ok(r.location?.startsWith(CALLBACK), `redirected with an error: ${r.status} ${r.location}`);
      const cb = new URL(r.location!.replace('#', '?'));
      assert.equal(cb.searchParams.get('error'), 'invalid_scope');
      assert.equal(cb.searchParams.get('code'), null);
      assert.equal(cb.searchParams.get('state'), 's5');
    });
  });
}
