/**
 * `/oauth2/idpresponse` by `response_mode=form_post`: the external OpenID Connect provider (the fake IdP in
 * form-post mode, as Apple or a configured Entra ID answer) returns a page whose form the browser POSTs to
 * Cognate. The POST is cross-site, so the browser sends only SameSite=None cookies; the test sends exactly
 * those. Threats: login CSRF (a POST from a browser that did not start the sign-in), replay of the posted form,
 * a tampered or duplicated state, and a body that is not a form — each is an error page, never a redirect.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityProviderCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';
import { Browser, type Hop } from './browser.js';
import { startFakeIdp, type FakeIdp } from './fake-idp.js';

const APP_CB = 'https://app.example/cb';
const decode = (s: string) => s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/** The auto-submitting form of a form_post page: its action and fields. */
function postedForm(page: Hop): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*method="post"[^>]*action="([^"]*)"/.exec(page.body)?.[1];
  assert.ok(action, `a form_post page: ${page.body.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const m of page.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[decode(m[1]!)] = decode(m[2]!);
  return { action: decode(action!), fields };
}

/** The cookies a browser sends on a cross-site POST: only those set SameSite=None (which must be Secure). */
function crossSiteCookies(hops: Hop[]): string {
  return hops
    .flatMap((h) => h.setCookies)
    .filter((c) => /;\s*samesite=none/i.test(c))
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

for (const dialect of DIALECTS) {
  describe(`federation by form_post (${dialect})`, () => {
    let s: TestServer;
    let fake: FakeIdp;
    let appClient: string;

    const authorizeUrl = () =>
      `${s.url}/oauth2/authorize?${new URLSearchParams({ client_id: appClient, response_type: 'code', redirect_uri: APP_CB, scope: 'openid email', state: 'app-state', identity_provider: 'Fake' })}`;

    /** The browser's way to the IdP's form_post page: every hop, the form, and the cookies a cross-site POST carries. */
    async function toFormPost(b: Browser) {
      const hops = await b.follow(authorizeUrl());
      const page = hops.at(-1)!;
      assert.equal(page.status, 200, `the IdP's form_post page, got ${page.status} at ${page.url}`);
      return { hops, form: postedForm(page), cookie: crossSiteCookies(hops) };
    }

    before(async () => {
      s = await startTestServer(dialect);
      fake = await startFakeIdp();
      fake.mode = 'form-post';
      const pool = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'form-post-app' }))).UserPool!.Id!;
      await s.idp.send(new CreateIdentityProviderCommand({
        UserPoolId: pool, ProviderName: 'Fake', ProviderType: 'OIDC',
        ProviderDetails: { client_id: fake.clientId, client_secret: fake.clientSecret, authorize_scopes: 'openid email', oidc_issuer: fake.issuer },
        AttributeMapping: { email: 'email' },
      }));
      appClient = (await s.idp.send(new CreateUserPoolClientCommand({
        UserPoolId: pool, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [APP_CB], SupportedIdentityProviders: ['Fake'],
      }))).UserPoolClient!.ClientId!;
    });
    after(async () => {
      await fake.close();
      await s.stop();
    });

    it('the IdP POSTs code and state; the SameSite=None binding cookie rides the cross-site POST and the user is signed in', async () => {
      fake.mode = 'form-post';
      const b = new Browser();
      const { hops, form, cookie } = await toFormPost(b);
      assert.equal(form.action, `${s.url}/oauth2/idpresponse`);
      assert.deepEqual(Object.keys(form.fields).sort(), ['code', 'state']);
      const binding = hops.flatMap((h) => h.setCookies).find((c) => /;\s*samesite=none/i.test(c))!;
      assert.match(binding, /; Path=\/oauth2\/idpresponse;/);
      assert.match(binding, /; HttpOnly/);
      assert.match(binding, /; Secure/);
      const done = await b.request(form.action, { form: form.fields, cookie });
      assert.equal(done.status, 302, done.body.slice(0, 300));
      const cb = new URL(done.location!);
      assert.equal(`${cb.origin}${cb.pathname}`, APP_CB);
      assert.equal(cb.searchParams.get('state'), 'app-state');
      const code = cb.searchParams.get('code')!;
      assert.ok(code);
      assert.ok(done.setCookies.some((c) => /^cognate-federation-post=;/.test(c) && /max-age=0/i.test(c)), 'the binding cookie is cleared');
      const res = await fetch(`${s.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: appClient, code, redirect_uri: APP_CB }),
      });
      assert.equal(res.status, 200);
      const idToken = ((await res.json()) as { id_token: string }).id_token;
      const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString());
      assert.equal(claims['cognito:username'], `Fake_${fake.sub}`);
      assert.equal(claims.email, fake.email);
    });

    it('threat: login CSRF — the posted form from another browser (no binding cookie) is refused; the right browser still finishes', async () => {
      fake.mode = 'form-post';
      const victim = new Browser();
      const { form, cookie } = await toFormPost(victim);
      const attacker = await new Browser().request(form.action, { form: form.fields });
      assert.equal(attacker.status, 400);
      assert.equal(attacker.location, undefined);
      assert.match(attacker.body, /not started in this browser/);
      const ok = await victim.request(form.action, { form: form.fields, cookie });
      assert.equal(ok.status, 302);
      assert.ok(new URL(ok.location!).searchParams.get('code'));
    });

    it('threat: replaying the posted form signs nobody in again', async () => {
      fake.mode = 'form-post';
      const b = new Browser();
      const { form, cookie } = await toFormPost(b);
      assert.equal((await b.request(form.action, { form: form.fields, cookie })).status, 302);
      const replay = await b.request(form.action, { form: form.fields, cookie });
      assert.equal(replay.status, 400);
      assert.equal(replay.location, undefined);
      assert.match(replay.body, /unknown, expired or already used/);
    });

    it('threat: a tampered or repeated state, or a body that is not a form, is an error page and never a redirect', async () => {
      fake.mode = 'form-post';
      const b = new Browser();
      const { form, cookie } = await toFormPost(b);
      const tampered = await b.request(form.action, { form: { ...form.fields, state: `${form.fields.state}x` }, cookie });
      assert.equal(tampered.status, 400);
      assert.equal(tampered.location, undefined);
      const twice = await fetch(form.action, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: `${new URLSearchParams(form.fields)}&state=other`,
      });
      assert.equal(twice.status, 400);
      assert.match(await twice.text(), /state more than once/);
      const json = await fetch(form.action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(form.fields) });
      assert.equal(json.status, 400);
      assert.equal(json.headers.get('location'), null);
      // The untouched form still works: none of the refusals spent the state.
      const ok = await b.request(form.action, { form: form.fields, cookie });
      assert.equal(ok.status, 302);
    });

    it('an IdP error posted back reaches the app as an OAuth error with its state', async () => {
      fake.mode = 'form-post-error';
      const b = new Browser();
      const { form, cookie } = await toFormPost(b);
      const done = await b.request(form.action, { form: form.fields, cookie });
      assert.equal(done.status, 302);
      const cb = new URL(done.location!);
      assert.equal(cb.searchParams.get('error'), 'invalid_request');
      assert.match(cb.searchParams.get('error_description')!, /access_denied/);
      assert.equal(cb.searchParams.get('state'), 'app-state');
      assert.equal(cb.searchParams.get('code'), null);
    });
  });
}
