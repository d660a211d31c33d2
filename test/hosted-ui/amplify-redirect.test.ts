/**
 * Amplify v6 `signInWithRedirect` in a real browser against the hosted UI over TLS, unmodified: a page bundled
 * here with esbuild (amplify-page/app.ts) is served from a loopback app server (http://localhost is a secure
 * context, so Amplify's PKCE can use crypto.subtle) and configured with the pool's prefix domain
 * `{prefix}.auth.localhost:{tlsPort}` (Amplify hard-codes `https://{domain}`). Chromium maps that host name to
 * loopback and trusts only Cognate's own server key (its SPKI hash), never certificate errors in general.
 * Checked: the sign-in form is served over https on the domain host; Amplify redeems the code (PKCE) at
 * /oauth2/token cross-origin and reports the user and an ID token whose aud/iss are the client and the pool's
 * issuer (signature checked against the pool's JWKS); a second signInWithRedirect signs in from the SSO cookie
 * without the form; signOut revokes the refresh token, goes through /logout back to the app and ends the
 * hosted-UI session, so the next signInWithRedirect shows the form again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { confirmedUser, hostedPool, PASSWORD, type HostedPool } from './fixtures.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

interface AppState {
  signedIn: boolean;
  username?: string;
  idToken?: string;
  accessToken?: string;
  error?: string;
  events: string[];
}
type AppWindow = { app: { state(): Promise<AppState>; signIn(): Promise<void>; signOut(): Promise<void> } };

/** The app: `/` is the page (with the Amplify config as JSON), `/app.js` the bundle. */
async function startApp(bundle: string): Promise<{ origin: string; setConfig: (c: object) => void; close: () => Promise<void> }> {
  let config = '{}';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    if (url.pathname !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amplify app</title></head><body><h1>Amplify app</h1>` +
        `<p id="status">loading</p><script id="config" type="application/json">${config.replace(/</g, '\\u003c')}</script><script src="/app.js"></script></body></html>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://localhost:${port}`,
    setConfig: (c) => {
      config = JSON.stringify(c);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** base64(sha256(SubjectPublicKeyInfo)) of the first certificate in a PEM chain: what chromium's SPKI list takes. */
function spkiHash(pemChain: string): string {
  const spki = new X509Certificate(pemChain).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('Amplify v6 signInWithRedirect through the hosted UI over TLS (sqlite)', () => {
  let s: TestServer;
  let p: HostedPool;
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let domainHost: string;
  let redirect: string;
  /** Every top-level document request the page made (redirect hops included), in order. */
  const navigations: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    const [bundled, server] = await Promise.all([
      build({ entryPoints: [path.join(HERE, 'amplify-page', 'app.ts')], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' }),
      startTestServer('sqlite', { env: { COGNATE_TLS_PORT: '0' } }),
    ]);
    s = server;
    app = await startApp(bundled.outputFiles[0]!.text);
    redirect = `${app.origin}/`;
    p = await hostedPool(s, {
      client: {
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
        CallbackURLs: [redirect],
        LogoutURLs: [redirect],
        EnableTokenRevocation: true,
      },
    });
    await confirmedUser(s, p.poolId, 'alice');
    const tlsPort = new URL(s.tlsUrl!).port;
    domainHost = `${p.domain}.auth.localhost:${tlsPort}`;
    app.setConfig({ userPoolId: p.poolId, userPoolClientId: p.clientId, userPoolEndpoint: s.url, domain: domainHost, redirect });

    const spki = spkiHash(readFileSync(path.join(s.dataDir, 'tls', 'server.pem'), 'utf8'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.auth.localhost 127.0.0.1', `--ignore-certificate-errors-spki-list=${spki}`],
    });
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigations.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await s?.stop();
  });

  const appState = () => page.evaluate(() => (window as unknown as AppWindow).app.state());
  async function openApp() {
    await page.goto(redirect);
    await page.locator('#status', { hasText: 'ready' }).waitFor();
  }
  /** Starts signInWithRedirect; the page navigates away, so the call's own promise is not awaited. */
  const startSignIn = () => page.evaluate(() => void (window as unknown as AppWindow).app.signIn());
  const onApp = (u: URL) => u.origin === app.origin;
  /** Resolves at the next main-frame navigation matching `pred` (register it before the action that navigates). */
  const navigation = (pred: (u: URL) => boolean) =>
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() && pred(new URL(f.url())), timeout: 20_000 });
  const sessionCookie = async () => (await context.cookies(`https://${domainHost}/`)).find((c) => c.name === `cognito-${p.poolId}`);

  it('signs in on the hosted page over https, Amplify redeems the code and reports the user and ID token', async () => {
    await openApp();
    assert.equal((await appState()).signedIn, false);

    await startSignIn();
    await page.waitForURL((u) => u.pathname === '/login');
    const login = new URL(page.url());
    assert.equal(login.protocol, 'https:');
    assert.equal(login.host, domainHost, 'the form is served on the pool\'s prefix domain');
    assert.equal(login.searchParams.get('code_challenge_method'), 'S256', 'Amplify asked for PKCE');
    await page.fill('input[name="username"]', 'alice');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[name="signInSubmitButton"]');

    await page.waitForURL(onApp);
    const st = await appState();
    assert.equal(st.error, undefined);
    assert.equal(st.signedIn, true);
    assert.equal(st.username, 'alice');
    const issuer = `${s.url}/${p.poolId}`;
    const id = claimsOf(st.idToken!);
    assert.equal(id.aud, p.clientId);
    assert.equal(id.iss, issuer);
    assert.equal(id['cognito:username'], 'alice');
    assert.equal(id.token_use, 'id');
    // The same token verifies against the pool's published keys.
    const { payload } = await jwtVerify(st.idToken!, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), { issuer, audience: p.clientId });
    assert.equal(payload.sub, id.sub);
    assert.match(String(claimsOf(st.accessToken!).scope), /aws\.cognito\.signin\.user\.admin/);
    assert.ok(st.events.includes('signInWithRedirect') && st.events.includes('signedIn'), st.events.join(','));
    // Amplify removed the code from the address bar once it was redeemed.
    assert.equal(page.url(), redirect);
    // The hosted UI's SSO cookie lives on the domain host only, Secure and HttpOnly.
    const cookie = await sessionCookie();
    assert.ok(cookie, 'SSO cookie set on the domain host');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.domain, `${p.domain}.auth.localhost`);
  });

  it('a second signInWithRedirect signs in from the hosted-UI session without the form', async () => {
    // The app forgets its tokens (as another app of the pool would have none); the browser keeps the SSO cookie.
    await page.evaluate(() => localStorage.clear());
    await openApp();
    assert.equal((await appState()).signedIn, false);
    const from = navigations.length;
    const back = navigation((u) => onApp(u) && u.searchParams.has('code'));
    await startSignIn();
    await back;
    await page.waitForLoadState('load');
    const st = await appState();
    assert.equal(st.signedIn, true, st.error);
    assert.equal(st.username, 'alice');
    assert.ok(!navigations.slice(from).some((u) => new URL(u).pathname === '/login'), `no login form on the way: ${navigations.slice(from).join(' → ')}`);
  });

  it('signOut revokes the refresh token, goes through /logout and ends the hosted-UI session', async () => {
    const refreshToken = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.endsWith('.refreshToken'));
      return key ? localStorage.getItem(key) : null;
    });
    assert.ok(refreshToken, 'Amplify keeps a refresh token');
    const from = navigations.length;
    const back = navigation(onApp);
    await page.evaluate(() => void (window as unknown as AppWindow).app.signOut());
    await back;
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    const via = navigations.slice(from).map((u) => new URL(u));
    assert.ok(
      via.some((u) => u.protocol === 'https:' && u.host === domainHost && u.pathname === '/logout' && u.searchParams.get('logout_uri') === redirect),
      `went through the hosted /logout: ${via.map(String).join(' → ')}`,
    );
    assert.equal((await appState()).signedIn, false);
    assert.equal(await sessionCookie(), undefined, 'SSO cookie cleared');
    // Amplify's RevokeToken reached Cognate: the refresh token no longer works.
    await assert.rejects(
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: p.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } })),
      (e: Error) => e.name === 'NotAuthorizedException',
    );
    // The hosted-UI session is over: signing in again shows the form.
    await startSignIn();
    await page.waitForURL((u) => u.host === domainHost && u.pathname === '/login');
    await page.locator('input[name="password"]').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
