/**
 * The hosted sign-in over HTTP without a browser (both dialects): authorize → login → code at the callback,
 * single sign-on (prompt=none, max_age, prompt=login) across the pool's clients, logout, the implicit flow,
 * and the security properties, each named after its threat: open redirect (an unregistered redirect_uri is
 * never redirected to), CSRF (a form post without this browser's token is refused), XSS (markup in any
 * parameter is rendered inert), and the strict Content-Security-Policy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { Agent, CALLBACK, LOGOUT, PASSWORD, actionOf, authorizeUrl, clientInput, confirmedUser, csrfOf, hostedPool, signIn, type HostedPool } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`hosted sign-in over HTTP (${d})`, () => {
    let s: TestServer;
    let p: HostedPool;
    before(async () => {
      s = await startTestServer(d);
      p = await hostedPool(s);
      await confirmedUser(s, p.poolId, 'alice');
    });
    after(() => s.stop());

    it('signs in on the login page and lands on the callback with a code and the state', async () => {
      const agent = new Agent();
      const first = await agent.get(authorizeUrl(s.url, p.clientId));
      assert.equal(first.status, 302);
      assert.match(first.location!, /^\/login\?/);
      const cb = await signIn(agent, s.url, p.clientId, 'alice');
      assert.match(cb.searchParams.get('code')!, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(cb.searchParams.get('state'), 'st-1');
      const cookie = [...agent.jar.keys()].find((k) => k === `cognito-${p.poolId}`);
      assert.ok(cookie, 'an SSO cookie is set');
      // The code redeems at the token endpoint (here under the path form of the domain), once.
      const form = { grant_type: 'authorization_code', client_id: p.clientId, code: cb.searchParams.get('code')!, redirect_uri: CALLBACK };
      const token = await fetch(`${s.url}/domain/${p.domain}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      assert.equal(token.status, 200);
      const tokens = (await token.json()) as { id_token?: string; access_token?: string; refresh_token?: string };
      assert.ok(tokens.id_token && tokens.access_token && tokens.refresh_token);
      const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1]!, 'base64url').toString());
      assert.equal(claims.username, 'alice');
      assert.equal(claims.scope, 'openid email');
      const replay = await fetch(`${s.url}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
    });

    it('shows Cognito\'s message for a wrong password and stays on the page', async () => {
      const agent = new Agent();
      const login = await agent.follow(await agent.get(authorizeUrl(s.url, p.clientId)), s.url);
      const r = await agent.post(actionOf(login.html, 'login', s.url), { _csrf: csrfOf(login.html), username: 'alice', password: 'Wrong-Password-1' });
      assert.equal(r.status, 400);
      assert.equal(r.location, undefined);
      assert.match(r.html, /Incorrect username or password\./);
    });

    it('open redirect: an unregistered or look-alike redirect_uri gets an error page and is never redirected to', async () => {
      const agent = new Agent();
      for (const redirect_uri of ['https://evil.example/callback', `${CALLBACK}/x`, `${CALLBACK}?x=1`, CALLBACK.toUpperCase(), `${CALLBACK}#frag`, '']) {
        for (const path of ['/oauth2/authorize', '/login']) {
          const r = await agent.get(`${s.url}${path}?${new URLSearchParams({ client_id: p.clientId, response_type: 'code', redirect_uri })}`);
          assert.equal(r.status, 400, `${path} ${redirect_uri}`);
          assert.equal(r.location, undefined, `${path} ${redirect_uri}`);
        }
      }
      // Even a failed login post with a bad redirect_uri redirects nowhere.
      const r = await agent.post(`${s.url}/login?${new URLSearchParams({ client_id: p.clientId, response_type: 'code', redirect_uri: 'https://evil.example/cb' })}`, { username: 'alice', password: PASSWORD });
      assert.equal(r.location, undefined);
      // Logout only to a registered logout_uri.
      const out = await agent.get(`${s.url}/logout?${new URLSearchParams({ client_id: p.clientId, logout_uri: 'https://evil.example/' })}`);
      assert.equal(out.status, 400);
      assert.equal(out.location, undefined);
    });

    it('reports OAuth errors to a valid redirect_uri per RFC 6749 (with state)', async () => {
      const agent = new Agent();
      const cases: [Record<string, string>, string][] = [
        [{ response_type: 'id_token' }, 'unsupported_response_type'],
        [{ scope: 'openid phone' }, 'invalid_scope'],
        [{ code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request'],
        [{ code_challenge_method: 'S512', code_challenge: 'a'.repeat(43) }, 'invalid_request'],
        [{ prompt: 'none' }, 'login_required'],
      ];
      for (const [extra, error] of cases) {
        const r = await agent.get(authorizeUrl(s.url, p.clientId, extra));
        assert.equal(r.status, 302, JSON.stringify(extra));
        const u = new URL(r.location!);
        assert.equal(`${u.origin}${u.pathname}`, CALLBACK);
        assert.equal(u.searchParams.get('error'), error, JSON.stringify(extra));
        assert.equal(u.searchParams.get('state'), 'st-1');
      }
      // Unknown parameters are ignored.
      const ok = await agent.get(authorizeUrl(s.url, p.clientId, { unknown_param: 'x', claims: '{}' }));
      assert.match(ok.location!, /^\/login\?/);
    });

    it('CSRF: a login, sign-up or reset post without this browser\'s token is refused', async () => {
      const victim = new Agent();
      const login = await victim.follow(await victim.get(authorizeUrl(s.url, p.clientId)), s.url);
      const action = actionOf(login.html, 'login', s.url);
      // No token at all.
      const none = await victim.post(action, { username: 'alice', password: PASSWORD });
      assert.equal(none.status, 403);
      assert.equal(none.location, undefined);
      // The attacker's own valid token, replayed into the victim's browser (different csrf cookie).
      const attacker = new Agent();
      const own = await attacker.follow(await attacker.get(authorizeUrl(s.url, p.clientId)), s.url);
      const replayed = await victim.post(action, { _csrf: csrfOf(own.html), username: 'alice', password: PASSWORD });
      assert.equal(replayed.status, 403);
      for (const path of ['/signup', '/forgotPassword', '/mfa']) {
        const r = await victim.post(`${s.url}${path}?${new URL(action).searchParams}`, { username: 'alice', password: PASSWORD });
        assert.equal(r.status, 403, path);
      }
      // With the right token it works: the refusal above was the token, nothing else.
      const good = await victim.post(action, { _csrf: csrfOf(login.html), username: 'alice', password: PASSWORD });
      assert.match(good.location!, /^https:\/\/app\.example\.com\/callback\?code=/);
    });

    it('single sign-on across the pool\'s clients: prompt=none answers at once, max_age and prompt=login ask again, logout ends it', async () => {
      const agent = new Agent();
      await signIn(agent, s.url, p.clientId, 'alice');
      const second = (await s.idp.send(new CreateUserPoolClientCommand(clientInput(p.poolId, { ClientName: 'second' })))).UserPoolClient!.ClientId!;
      const silent = await agent.get(authorizeUrl(s.url, second, { prompt: 'none', nonce: 'n-1' }));
      assert.match(silent.location!, /^https:\/\/app\.example\.com\/callback\?code=[\w-]+&state=st-1$/);
      const plain = await agent.get(authorizeUrl(s.url, p.clientId));
      assert.match(plain.location!, /callback\?code=/, 'no login page while signed in');
      const forced = await agent.get(authorizeUrl(s.url, p.clientId, { prompt: 'login' }));
      assert.match(forced.location!, /^\/login\?/);
      s.clock.advance(61_000);
      const old = await agent.get(authorizeUrl(s.url, p.clientId, { max_age: '60' }));
      assert.match(old.location!, /^\/login\?/);
      const oldSilent = await agent.get(authorizeUrl(s.url, p.clientId, { max_age: '60', prompt: 'none' }));
      assert.equal(new URL(oldSilent.location!).searchParams.get('error'), 'login_required');

      const stolen = agent.jar.get(`cognito-${p.poolId}`)!;
      const out = await agent.get(`${s.url}/logout?${new URLSearchParams({ client_id: p.clientId, logout_uri: LOGOUT })}`);
      assert.equal(out.status, 302);
      assert.equal(out.location, LOGOUT);
      const after = await agent.get(authorizeUrl(s.url, p.clientId, { prompt: 'none' }));
      assert.equal(new URL(after.location!).searchParams.get('error'), 'login_required');
      // Logout ends the session on the server: the old cookie value opens nothing any more.
      const replay = new Agent();
      replay.jar.set(`cognito-${p.poolId}`, stolen);
      const replayed = await replay.get(authorizeUrl(s.url, p.clientId, { prompt: 'none' }));
      assert.equal(new URL(replayed.location!).searchParams.get('error'), 'login_required');
    });

    it('logout with redirect_uri and response_type goes back to the login page', async () => {
      const agent = new Agent();
      await signIn(agent, s.url, p.clientId, 'alice');
      const out = await agent.get(`${s.url}/logout?${new URLSearchParams({ client_id: p.clientId, redirect_uri: CALLBACK, response_type: 'code', state: 'again' })}`);
      assert.match(out.location!, /^\/login\?/);
      assert.equal(new URLSearchParams(out.location!.split('?')[1]).get('state'), 'again');
      const neither = await agent.get(`${s.url}/logout?client_id=${p.clientId}`);
      assert.equal(neither.status, 400);
    });

    it('implicit flow: tokens in the fragment, no refresh token', async () => {
      const agent = new Agent();
      const cb = await signIn(agent, s.url, p.clientId, 'alice', PASSWORD, { response_type: 'token', nonce: 'n-2' });
      assert.ok(cb.searchParams.get('access_token'));
      assert.ok(cb.searchParams.get('id_token'));
      assert.equal(cb.searchParams.get('refresh_token'), null);
      assert.equal(cb.searchParams.get('state'), 'st-1');
      const idClaims = JSON.parse(Buffer.from(cb.searchParams.get('id_token')!.split('.')[1]!, 'base64url').toString());
      assert.equal(idClaims.nonce, 'n-2');
    });

    it('XSS: markup in any parameter is rendered inert, and pages carry a strict CSP', async () => {
      const agent = new Agent();
      const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
      const q = { state: evil, login_hint: evil, nonce: evil };
      const login = await agent.follow(await agent.get(authorizeUrl(s.url, p.clientId, q)), s.url);
      assert.equal(login.status, 200);
      assert.doesNotMatch(login.html, /<script/i);
      assert.doesNotMatch(login.html, /<img src=x/i);
      assert.match(login.html, /&lt;script>|&lt;script&gt;/, 'the text is shown escaped');
      const csp = login.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|script-src/);
      assert.match(csp, /frame-ancestors 'none'/);
      // A username with markup echoed back after a failed sign-in, and on the confirm page.
      const r = await agent.post(actionOf(login.html, 'login', s.url), { _csrf: csrfOf(login.html), username: evil, password: 'x' });
      assert.doesNotMatch(r.html, /<script/i);
      const confirm = await agent.get(`${s.url}/confirm?${new URLSearchParams({ client_id: p.clientId, response_type: 'code', redirect_uri: CALLBACK, username: evil })}`);
      assert.doesNotMatch(confirm.html, /<script/i);
      // The error page for an unknown client names nothing from the request.
      const err = await agent.get(`${s.url}/oauth2/authorize?client_id=${encodeURIComponent(evil)}&redirect_uri=${encodeURIComponent(CALLBACK)}`);
      assert.equal(err.status, 400);
      assert.doesNotMatch(err.html, /<script/i);
    });
  });
}
