/**
 * Federated sign-in end to end. A second Cognate pool (same server) is the external OpenID Connect provider: a
 * user signs in on its hosted login page (plain HTTP form posts), comes back through /oauth2/idpresponse and
 * arrives in the app's pool as `Upstream_{sub}` (EXTERNAL_PROVIDER) with the mapped attributes; the ID token from
 * /oauth2/token, verified with aws-jwt-verify, carries `identities` and `cognito:username`. A linked native user
 * signs in as itself. Error paths: unknown provider, tampered and replayed state, a response delivered to a
 * browser that did not start the sign-in (login CSRF), an IdP error, an ID token for another audience or with
 * another nonce, and a native user whose name looks federated.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateIdentityProviderCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminDisableProviderForUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';
import { Browser, loginForm } from './browser.js';
import { startFakeIdp, type FakeIdp } from './fake-idp.js';

const APP_CB = 'https://app.example/cb';
const PASSWORD = 'Upstream-Passw0rd!';

const verifierFor = (iss: string) =>
  JwtRsaVerifier.create(
    { issuer: iss, audience: null, jwksUri: `${iss}/.well-known/jwks.json` },
    { jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } }) },
  );

for (const dialect of DIALECTS) {
  describe(`federated sign-in (${dialect})`, () => {
    let s: TestServer;
    let upPool: string;
    let appPool: string;
    let appClient: string;
    let fake: FakeIdp;
    const subOf = new Map<string, string>();

    const authorizeUrl = (params: Record<string, string>) =>
      `${s.url}/oauth2/authorize?${new URLSearchParams({ client_id: appClient, response_type: 'code', redirect_uri: APP_CB, scope: 'openid email profile', state: 'app-state', ...params })}`;

    /** Runs the browser from the app's authorize request to the IdP's redirect back to /oauth2/idpresponse. */
    async function toIdpResponse(b: Browser, username: string, params: Record<string, string> = {}): Promise<string> {
      const hops = await b.follow(authorizeUrl({ identity_provider: 'Upstream', ...params }));
      const page = hops.at(-1)!;
      assert.equal(page.status, 200, `expected the upstream login page, got ${page.status} at ${page.url}: ${page.body.slice(0, 200)}`);
      const form = loginForm(page);
      const back = await b.follow(form.action, (u) => u.includes('/oauth2/idpresponse'), { form: { ...form.fields, username, password: PASSWORD } });
      const last = back.at(-1)!;
      assert.ok(last.location?.includes('/oauth2/idpresponse'), `expected a redirect to idpresponse, got ${last.status} ${last.location ?? last.body.slice(0, 200)}`);
      return last.location!;
    }

    async function exchange(code: string, verifier?: string) {
      const res = await fetch(`${s.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: appClient, code, redirect_uri: APP_CB, ...(verifier ? { code_verifier: verifier } : {}) }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as { id_token: string; access_token: string; refresh_token: string };
    }

    before(async () => {
      s = await startTestServer(dialect);
      fake = await startFakeIdp();
      // The external provider: a pool of its own, with a confidential client that redirects to our idpresponse.
      upPool = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'upstream' }))).UserPool!.Id!;
      const up = (await s.idp.send(new CreateUserPoolClientCommand({
        UserPoolId: upPool, ClientName: 'federation', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [`${s.url}/oauth2/idpresponse`], SupportedIdentityProviders: ['COGNITO'],
      }))).UserPoolClient!;
      for (const [u, given] of [['ursula', 'Ursula'], ['victor', 'Victor'], ['wendy', 'Wendy'], ['xavier', 'Xavier']]) {
        const created = await s.idp.send(new AdminCreateUserCommand({
          UserPoolId: upPool, Username: u!, MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: `${u}@upstream.example` }, { Name: 'email_verified', Value: 'true' }, { Name: 'given_name', Value: given! }],
        }));
        subOf.set(u!, created.User!.Attributes!.find((a) => a.Name === 'sub')!.Value!);
        await s.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: upPool, Username: u!, Password: PASSWORD, Permanent: true }));
      }
      // The app's pool federates to it.
      appPool = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'app' }))).UserPool!.Id!;
      await s.idp.send(new CreateIdentityProviderCommand({
        UserPoolId: appPool, ProviderName: 'Upstream', ProviderType: 'OIDC', IdpIdentifiers: ['upstream.example'],
        ProviderDetails: { client_id: up.ClientId!, client_secret: up.ClientSecret!, authorize_scopes: 'openid email profile', oidc_issuer: `${s.url}/${upPool}`, attributes_request_method: 'GET' },
        AttributeMapping: { email: 'email', email_verified: 'email_verified', given_name: 'given_name' },
      }));
      await s.idp.send(new CreateIdentityProviderCommand({
        UserPoolId: appPool, ProviderName: 'Fake', ProviderType: 'OIDC',
        ProviderDetails: { client_id: fake.clientId, client_secret: fake.clientSecret, authorize_scopes: 'openid email', oidc_issuer: fake.issuer },
        AttributeMapping: { email: 'email' },
      }));
      appClient = (await s.idp.send(new CreateUserPoolClientCommand({
        UserPoolId: appPool, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [APP_CB], SupportedIdentityProviders: ['COGNITO', 'Upstream', 'Fake'],
      }))).UserPoolClient!.ClientId!;
    });
    after(async () => {
      await fake.close();
      await s.stop();
    });

    it('signs a user in through the upstream pool with mapped attributes and an identities claim', async () => {
      const b = new Browser();
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const idpResponse = await toIdpResponse(b, 'ursula', { nonce: 'app-nonce', code_challenge: challenge, code_challenge_method: 'S256' });
      const done = await b.request(idpResponse);
      assert.equal(done.status, 302, done.body);
      const cb = new URL(done.location!);
      assert.equal(`${cb.origin}${cb.pathname}`, APP_CB);
      assert.equal(cb.searchParams.get('state'), 'app-state');
      const tokens = await exchange(cb.searchParams.get('code')!, verifier);

      const payload = await verifierFor(`${s.url}/${appPool}`).verify(tokens.id_token);
      validateCognitoJwtFields(payload, { tokenUse: 'id', clientId: appClient });
      const sub = subOf.get('ursula')!;
      assert.equal(payload['cognito:username'], `Upstream_${sub}`);
      assert.equal(payload.email, 'ursula@upstream.example');
      assert.equal(payload.email_verified, true);
      assert.equal(payload.given_name, 'Ursula');
      assert.equal(payload.nonce, 'app-nonce');
      const identities = payload.identities as Record<string, unknown>[];
      assert.equal(identities.length, 1);
      assert.deepEqual({ ...identities[0], dateCreated: undefined }, {
        userId: sub, providerName: 'Upstream', providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: undefined,
      });
      assert.match(String(identities[0]!.dateCreated), /^\d{13}$/);

      const user = await s.idp.send(new AdminGetUserCommand({ UserPoolId: appPool, Username: `Upstream_${sub}` }));
      assert.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
      assert.equal(user.UserAttributes!.find((a) => a.Name === 'given_name')?.Value, 'Ursula');

      // single sign-on: the same browser's next authorize (no identity_provider) answers at once from the session
      const again = await b.request(authorizeUrl({}));
      assert.equal(again.status, 302);
      const cb2 = new URL(again.location!);
      assert.equal(`${cb2.origin}${cb2.pathname}`, APP_CB);
      const t2 = await exchange(cb2.searchParams.get('code')!);
      assert.equal((await verifierFor(`${s.url}/${appPool}`).verify(t2.id_token))['cognito:username'], `Upstream_${sub}`);
    });

    it('threat: replaying an idpresponse (state reuse) signs nobody in again', async () => {
      const b = new Browser();
      const idpResponse = await toIdpResponse(b, 'ursula');
      // the replayer holds the state cookie too (it is cleared after use, so keep a copy)
      const cookie = `cognate-federation=${b.jar.get(new URL(s.url).host)!.get('cognate-federation')!.value}`;
      assert.equal((await b.request(idpResponse)).status, 302);
      const replay = await fetch(idpResponse, { headers: { cookie }, redirect: 'manual' });
      assert.equal(replay.status, 400);
      assert.equal(replay.headers.get('location'), null);
      assert.match(await replay.text(), /unknown, expired or already used/);
    });

    it('threat: login CSRF — an IdP response delivered to another browser is refused, and the right browser still finishes', async () => {
      const victim = new Browser();
      const idpResponse = await toIdpResponse(victim, 'victor');
      const attacker = new Browser();
      const refused = await attacker.request(idpResponse);
      assert.equal(refused.status, 400);
      assert.match(refused.body, /not started in this browser/);
      const ok = await victim.request(idpResponse);
      assert.equal(ok.status, 302);
      assert.ok(new URL(ok.location!).searchParams.get('code'));
    });

    it('threat: a tampered state is refused with an error page, never a redirect', async () => {
      const b = new Browser();
      const idpResponse = new URL(await toIdpResponse(b, 'victor'));
      idpResponse.searchParams.set('state', `${idpResponse.searchParams.get('state')}x`);
      const forged = await b.request(idpResponse.toString());
      assert.equal(forged.status, 400);
      assert.equal(forged.location, undefined);
      // a state invented outright, with a matching cookie an attacker could set, is unknown as well
      const invented = await fetch(`${s.url}/oauth2/idpresponse?code=abc&state=invented`, { headers: { cookie: 'cognate-federation=invented' }, redirect: 'manual' });
      assert.equal(invented.status, 400);
      assert.match(await invented.text(), /unknown, expired or already used/);
    });

    it('an unknown or not-enabled provider does not leave for any IdP', async () => {
      for (const params of [{ identity_provider: 'Nope' }, { idp_identifier: 'nobody.example' }] as Record<string, string>[]) {
        const res = await new Browser().request(authorizeUrl(params));
        if (res.location) {
          const to = new URL(res.location);
          assert.equal(`${to.origin}${to.pathname}`, APP_CB);
          assert.ok(to.searchParams.get('error'));
        } else assert.ok(res.status >= 400);
      }
    });

    it('the sign-in page offers a button per external provider of the client', async () => {
      const b = new Browser();
      const page = (await b.follow(authorizeUrl({}))).at(-1)!;
      assert.equal(page.status, 200);
      const links = [...page.body.matchAll(/<a class="idpButton-customizable" href="([^"]*)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), page.url));
      assert.deepEqual(links.map((u) => u.searchParams.get('identity_provider')), ['Upstream', 'Fake']);
      const hops = await b.follow(links[0]!.toString());
      assert.equal(hops.at(-1)!.status, 200);
      assert.ok(hops.some((h) => h.location?.includes('/oauth2/idpstart')), 'the button starts the federated sign-in');
    });

    it('idp_identifier selects the provider', async () => {
      const hops = await new Browser().follow(authorizeUrl({ idp_identifier: 'upstream.example' }));
      assert.ok(hops.some((h) => h.location?.startsWith(`${s.url}/oauth2/authorize`) && h.location.includes('client_id=')), 'went to the upstream authorize endpoint');
      assert.equal(hops.at(-1)!.status, 200);
    });

    it('a linked native user signs in as itself', async () => {
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: appPool, Username: 'dana', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'dana@app.example' }] }));
      await s.idp.send(new AdminLinkProviderForUserCommand({
        UserPoolId: appPool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'dana' },
        SourceUser: { ProviderName: 'Upstream', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: subOf.get('wendy')! },
      }));
      const b = new Browser();
      const done = await b.request(await toIdpResponse(b, 'wendy'));
      const tokens = await exchange(new URL(done.location!).searchParams.get('code')!);
      const payload = await verifierFor(`${s.url}/${appPool}`).verify(tokens.id_token);
      assert.equal(payload['cognito:username'], 'dana');
      assert.equal(payload.email, 'dana@app.example', 'the native profile is kept');
      assert.deepEqual((payload.identities as Record<string, unknown>[]).map((i) => [i.providerName, i.userId, i.primary]), [['Upstream', subOf.get('wendy'), 'false']]);
      // no separate federated user was created
      const users = await s.idp.send(new ListUsersCommand({ UserPoolId: appPool, Filter: `username = "Upstream_${subOf.get('wendy')}"` }));
      assert.equal(users.Users!.length, 0);
      // an identity that already has its own federated user cannot be linked afterwards
      await assert.rejects(
        s.idp.send(new AdminLinkProviderForUserCommand({
          UserPoolId: appPool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'dana' },
          SourceUser: { ProviderName: 'Upstream', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: subOf.get('ursula')! },
        })),
        /Merging is not currently supported/,
      );
    });

    it('threat: account takeover by name — a native user called Upstream_{sub} is never signed in by the IdP', async () => {
      const name = `Upstream_${subOf.get('xavier')}`;
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: appPool, Username: name, MessageAction: 'SUPPRESS' }));
      const b = new Browser();
      const done = await b.request(await toIdpResponse(b, 'xavier'));
      const cb = new URL(done.location!);
      assert.equal(cb.searchParams.get('code'), null);
      assert.equal(cb.searchParams.get('error'), 'access_denied');
      assert.equal(cb.searchParams.get('state'), 'app-state');
    });

    it('an IdP error comes back to the app as an OAuth error with its state', async () => {
      fake.mode = 'error';
      const b = new Browser();
      const hops = await b.follow(authorizeUrl({ identity_provider: 'Fake' }), (u) => u.startsWith(APP_CB));
      const cb = new URL(hops.at(-1)!.location!);
      assert.equal(cb.searchParams.get('error'), 'invalid_request');
      assert.match(cb.searchParams.get('error_description')!, /access_denied/);
      assert.equal(cb.searchParams.get('state'), 'app-state');
    });

    for (const [mode, why] of [['wrong-aud', /aud/], ['wrong-nonce', /nonce/]] as const) {
      it(`threat: token substitution — an IdP ID token with the ${mode.slice(6)} of another sign-in is refused`, async () => {
        fake.mode = mode;
        const before = fake.pkceChecked;
        const hops = await new Browser().follow(authorizeUrl({ identity_provider: 'Fake' }), (u) => u.startsWith(APP_CB));
        const cb = new URL(hops.at(-1)!.location!);
        assert.equal(cb.searchParams.get('code'), null);
        assert.equal(cb.searchParams.get('error'), 'invalid_request');
        assert.match(cb.searchParams.get('error_description')!, why);
        assert.equal(fake.pkceChecked, before + 1, 'Cognate sent client_secret_post and a PKCE verifier the IdP accepted');
        const users = await s.idp.send(new ListUsersCommand({ UserPoolId: appPool, Filter: 'username ^= "Fake_"' }));
        assert.equal(users.Users!.length, 0);
      });
    }

    it('the fake provider signs in when it behaves', async () => {
      fake.mode = 'ok';
      const hops = await new Browser().follow(authorizeUrl({ identity_provider: 'Fake' }), (u) => u.startsWith(APP_CB));
      const code = new URL(hops.at(-1)!.location!).searchParams.get('code')!;
      const payload = await verifierFor(`${s.url}/${appPool}`).verify((await exchange(code)).id_token);
      assert.equal(payload['cognito:username'], 'Fake_fake-sub-1');
      assert.equal(payload.email, 'fake@example.com');
    });

    it('the implicit flow returns tokens in the fragment, with identities and no refresh token', async () => {
      fake.mode = 'ok';
      fake.sub = 'fake-sub-2';
      const hops = await new Browser().follow(authorizeUrl({ identity_provider: 'Fake', response_type: 'token', nonce: 'n-implicit' }), (u) => u.startsWith(APP_CB));
      const location = hops.at(-1)!.location!;
      assert.ok(location.startsWith(`${APP_CB}#`), location);
      const f = new URLSearchParams(location.slice(location.indexOf('#') + 1));
      assert.equal(f.get('token_type'), 'bearer');
      assert.equal(f.get('state'), 'app-state');
      assert.equal(f.get('refresh_token'), null);
      const payload = await verifierFor(`${s.url}/${appPool}`).verify(f.get('id_token')!);
      validateCognitoJwtFields(payload, { tokenUse: 'id', clientId: appClient });
      assert.equal(payload['cognito:username'], 'Fake_fake-sub-2');
      assert.equal(payload.nonce, 'n-implicit');
      assert.deepEqual((payload.identities as Record<string, unknown>[]).map((i) => [i.providerName, i.userId, i.primary]), [['Fake', 'fake-sub-2', 'true']]);
      fake.sub = 'fake-sub-1';
    });

    it('AdminDisableProviderForUser stops the identity from signing in', async () => {
      fake.mode = 'ok';
      await s.idp.send(new AdminDisableProviderForUserCommand({
        UserPoolId: appPool, User: { ProviderName: 'Fake', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'fake-sub-1' },
      }));
      const hops = await new Browser().follow(authorizeUrl({ identity_provider: 'Fake' }), (u) => u.startsWith(APP_CB));
      const cb = new URL(hops.at(-1)!.location!);
      assert.equal(cb.searchParams.get('code'), null);
      assert.equal(cb.searchParams.get('error'), 'access_denied');
    });
  });
}
