/**
 * The hosted UI's single sign-on session belongs to the host (and mount) the user signed in on, in a real
 * browser's cookie jar (Debian's chromium; host names mapped to loopback): a pool's prefix-domain host
 * (`{prefix}.auth.localhost`), its custom domain and the path form `{publicUrl}/domain/{prefix}` each keep their
 * own session — a sign-in on one passes straight through later authorize requests there and nowhere else, and a
 * logout on one ends only that one. A federated sign-in (an external OIDC provider) comes back through
 * `/oauth2/idpresponse` on the mount that started it, so its session lands there too, not on publicUrl's root.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CreateIdentityProviderCommand, CreateUserPoolDomainCommand, UpdateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { clientInput, confirmedUser, hostedPool, PASSWORD, type HostedPool } from './fixtures.js';
import { startFakeIdp, type FakeIdp } from '../federation/fake-idp.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const CUSTOM = 'login.example.test';

/** The app: answers every request with a tiny page. */
async function startApp(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

describe('hosted-UI session per host and mount, in chromium (sqlite)', () => {
  let s: TestServer;
  let p: HostedPool;
  let app: Awaited<ReturnType<typeof startApp>>;
  let fake: FakeIdp;
  let browser: Browser;
  let callback: string;
  /** The three mounts of the pool's hosted UI. */
  let prefixHost: string;
  let customHost: string;
  let pathForm: string;

  before(async () => {
    [s, app, fake] = await Promise.all([startTestServer('sqlite'), startApp(), startFakeIdp()]);
    callback = `${app.origin}/callback`;
    p = await hostedPool(s);
    await s.idp.send(new CreateIdentityProviderCommand({
      UserPoolId: p.poolId, ProviderName: 'Fake', ProviderType: 'OIDC',
      ProviderDetails: { client_id: fake.clientId, client_secret: fake.clientSecret, authorize_scopes: 'openid email', oidc_issuer: fake.issuer },
      AttributeMapping: { email: 'email' },
    }));
    await s.idp.send(new UpdateUserPoolClientCommand({
      ...clientInput(p.poolId, { CallbackURLs: [callback], LogoutURLs: [`${app.origin}/signed-out`], SupportedIdentityProviders: ['COGNITO', 'Fake'] }),
      ClientId: p.clientId,
    }));
    await s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: p.poolId, Domain: CUSTOM, CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/cognate-test' } }));
    await confirmedUser(s, p.poolId, 'alice');
    await confirmedUser(s, p.poolId, 'bob');
    const port = new URL(s.url).port;
    prefixHost = `http://${p.domain}.auth.localhost:${port}`;
    customHost = `http://${CUSTOM}:${port}`;
    pathForm = `${s.url}/domain/${p.domain}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP *.auth.localhost 127.0.0.1, MAP ${CUSTOM} 127.0.0.1`],
    });
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
    await app?.close();
    await s?.stop();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest()) requests.push(r.url());
    });
    return { context, page, requests };
  }

  const authorizeUrl = (mount: string, extra: Record<string, string> = {}) =>
    `${mount}/oauth2/authorize?${new URLSearchParams({ client_id: p.clientId, response_type: 'code', redirect_uri: callback, scope: 'openid email', state: 'st', ...extra })}`;

  /** Opens authorize on a mount: 'form' when the login page of that mount shows, 'signed-in' when the app got a code. */
  async function visit(page: Page, mount: string): Promise<'form' | 'signed-in'> {
    await page.goto(authorizeUrl(mount));
    const at = new URL(page.url());
    if (at.origin === app.origin) {
      assert.ok(at.searchParams.get('code'), `code in ${at}`);
      return 'signed-in';
    }
    assert.equal(`${at.origin}${at.pathname}`, `${mount}/login`, `the login page of ${mount}`);
    return 'form';
  }

  async function signIn(page: Page, mount: string, username: string) {
    assert.equal(await visit(page, mount), 'form');
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[name="signInSubmitButton"]');
    await page.waitForURL((u) => u.origin === app.origin);
    assert.ok(new URL(page.url()).searchParams.get('code'));
  }

  const sessionCookies = async (context: BrowserContext) =>
    (await context.cookies()).filter((c) => c.name === `cognito-${p.poolId}`).map((c) => `${c.domain}${c.path}`).sort();

  it('a password sign-in starts a session on its own host or mount only; logout ends only that one', async () => {
    const { context, page } = await newPage();
    await signIn(page, prefixHost, 'alice');
    assert.equal(await visit(page, prefixHost), 'signed-in');
    assert.equal(await visit(page, customHost), 'form');
    assert.equal(await visit(page, pathForm), 'form');

    await signIn(page, customHost, 'bob');
    assert.equal(await visit(page, customHost), 'signed-in');
    assert.equal(await visit(page, prefixHost), 'signed-in');
    assert.equal(await visit(page, pathForm), 'form');

    await signIn(page, pathForm, 'alice');
    assert.equal(await visit(page, pathForm), 'signed-in');
    // The path form's cookie is scoped to its path: the root mount of the same host has no session.
    assert.equal(await visit(page, s.url), 'form');
    assert.deepEqual(await sessionCookies(context), [`127.0.0.1/domain/${p.domain}`, `${p.domain}.auth.localhost/`, `${CUSTOM}/`].sort());

    await page.goto(`${prefixHost}/logout?${new URLSearchParams({ client_id: p.clientId, logout_uri: `${app.origin}/signed-out` })}`);
    assert.equal(page.url(), `${app.origin}/signed-out`);
    assert.equal(await visit(page, prefixHost), 'form');
    assert.equal(await visit(page, customHost), 'signed-in');
    assert.equal(await visit(page, pathForm), 'signed-in');
    await context.close();
  });

  for (const [name, mount] of [['the prefix-domain host', () => prefixHost], ['the path form', () => pathForm]] as const) {
    it(`a federated sign-in started on ${name} comes back there and its session lives there`, async () => {
      const { context, page, requests } = await newPage();
      fake.sub = `fed-${name.length}-${Date.now()}`;
      await page.goto(authorizeUrl(mount(), { identity_provider: 'Fake' }));
      const cb = new URL(page.url());
      assert.equal(cb.origin, app.origin, `back at the app: ${requests.join(' → ')}`);
      assert.ok(cb.searchParams.get('code'));
      assert.ok(requests.some((u) => u.startsWith(`${mount()}/oauth2/idpstart?`)), `started at ${mount()}: ${requests.join(' → ')}`);
      assert.ok(requests.some((u) => u.startsWith(`${mount()}/oauth2/idpresponse?`)), `the IdP answered to ${mount()}: ${requests.join(' → ')}`);
      // The code is the federated user's.
      const res = await fetch(`${pathForm}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: p.clientId, code: cb.searchParams.get('code')!, redirect_uri: callback }),
      });
      assert.equal(res.status, 200);
      const idToken = ((await res.json()) as { id_token: string }).id_token;
      assert.equal(JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString())['cognito:username'], `Fake_${fake.sub}`);

      const before = requests.length;
      assert.equal(await visit(page, mount()), 'signed-in');
      assert.ok(!requests.slice(before).some((u) => u.startsWith(fake.issuer)), 'single sign-on, without the IdP');
      assert.equal(await visit(page, s.url), 'form', "publicUrl's root has no session");
      for (const other of [prefixHost, customHost, pathForm].filter((m) => m !== mount())) assert.equal(await visit(page, other), 'form');
      await context.close();
    });
  }
});
