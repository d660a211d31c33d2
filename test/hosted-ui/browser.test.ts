/**
 * The hosted UI in a real browser (Debian's chromium via playwright-core; SQLite — the same pages are covered on
 * both dialects over HTTP in sign-in.test.ts): sign up through the pages, read the code from the developer
 * outbox, confirm, sign in, set up TOTP from the QR page, land on the app's callback (a tiny local HTTP server),
 * redeem the code with openid-client (PKCE S256, state, nonce), sign out, sign in again with a TOTP code, and
 * reach the password-reset pages. Every page is screenshotted with the client's logo and CSS into
 * test-artifacts/hosted-ui/, the custom CSS is checked by computed style, and markup in the URL stays inert.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as oidc from 'openid-client';
import { Secret, TOTP } from 'otpauth';
import { CreateUserPoolClientCommand, SetUICustomizationCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { clientInput, hostedPool, PASSWORD, type HostedPool } from './fixtures.js';
import { PNG_LOGO } from './logo.js';

const ARTIFACTS = path.resolve('test-artifacts', 'hosted-ui');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const CSS = [
  '.label-customizable { color: rgb(200, 0, 0); font-weight: 700 }',
  '.submitButton-customizable { background-color: rgb(0, 100, 0); color: #ffffff }',
  '.banner-customizable { background-color: #fde68a; padding: 12px 12px 12px 12px }',
].join('\n');

/** The app: answers every request with a small page and remembers the URLs it was sent to. */
function startApp(): Promise<{ origin: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>App</title><h1>App</h1>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('hosted UI in chromium (sqlite)', () => {
  let s: TestServer;
  let p: HostedPool;
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;
  let rp: oidc.Configuration;
  let clientId: string;
  let totpSecret = '';
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const totp = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: s.clock.now() });

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s = await startTestServer('sqlite');
    app = await startApp();
    p = await hostedPool(s, { pool: { Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }] } });
    await s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.poolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' }));
    const c = await s.idp.send(
      new CreateUserPoolClientCommand(clientInput(p.poolId, { ClientName: 'browser', CallbackURLs: [`${app.origin}/callback`], LogoutURLs: [`${app.origin}/signed-out`] })),
    );
    clientId = c.UserPoolClient!.ClientId!;
    await s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, ClientId: clientId, CSS, ImageFile: PNG_LOGO }));
    rp = await oidc.discovery(new URL(`${s.url}/${p.poolId}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await (await browser.newContext({ viewport: { width: 420, height: 860 } })).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await s?.stop();
  });

  async function authorize(extra: Record<string, string> = {}) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(rp, {
      redirect_uri: `${app.origin}/callback`,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    await page.goto(url.href);
    return { verifier, state, nonce };
  }

  it('signs up, confirms with the mailed code, sets up TOTP from the QR code and lands on the app with a code openid-client redeems', async () => {
    const req = await authorize();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The client's CSS applies (computed style) and its logo loads.
    assert.equal(await page.locator('.label-customizable').first().evaluate((e) => getComputedStyle(e).color), 'rgb(200, 0, 0)');
    assert.equal(await page.locator('.submitButton-customizable').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 100, 0)');
    assert.equal(await page.locator('img.logo-customizable').evaluate((e) => (e as HTMLImageElement).naturalWidth), 64);
    await shot('01-login');

    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    await shot('02-sign-up');
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Email').fill('bob@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Confirm your account' }).waitFor();
    await shot('03-confirm');
    const outbox = (await (await fetch(`${s.url}/_dev/outbox?poolId=${p.poolId}&username=bob`)).json()) as { messages: { code?: string }[] };
    await page.getByLabel('Confirmation code').fill(outbox.messages[0]!.code!);
    await page.getByRole('button', { name: 'Confirm account' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.match(await page.locator('.notice').innerText(), /confirmed/);

    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    assert.equal(await page.locator('img.qr').evaluate((e) => (e as HTMLImageElement).naturalWidth > 100), true, 'the QR code renders');
    await shot('04-totp-setup');
    const secret = await page.locator('#totp-secret').innerText();
    await page.getByLabel('Code from your app').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${app.origin}/callback?**`);

    const tokens = await oidc.authorizationCodeGrant(rp, new URL(page.url()), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    const claims = tokens.claims()!;
    assert.equal(claims['cognito:username'], 'bob');
    assert.equal(claims.email, 'bob@example.com');
    assert.ok(tokens.refresh_token);
    totpSecret = secret;
  });

  it('signs out through /logout, then signs in again with a TOTP code', async () => {
    await page.goto(`${s.url}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: `${app.origin}/signed-out` })}`);
    await page.waitForURL(`${app.origin}/signed-out`);
    await authorize({ prompt: 'none' });
    await page.waitForURL(`${app.origin}/callback?**`);
    assert.equal(new URL(page.url()).searchParams.get('error'), 'login_required', 'signed out means signed out');

    const req = await authorize();
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter your authenticator code' }).waitFor();
    await shot('05-totp-code');
    // The setup code's time step cannot be used again; the next one can.
    s.clock.advance(30_000);
    await page.getByLabel('Code').fill(totp(totpSecret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.origin}/callback?**`);
    const tokens = await oidc.authorizationCodeGrant(rp, new URL(page.url()), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    assert.equal(tokens.claims()!['cognito:username'], 'bob');
  });

  it('shows the password-reset pages and the error page with the branding', async () => {
    await authorize({ prompt: 'login' });
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await shot('06-forgot-password');
    await page.getByLabel('Username').fill('bob');
    await page.getByRole('button', { name: 'Reset my password' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await shot('07-reset-password');
    await page.goto(`${s.url}/oauth2/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    await page.getByRole('heading', { name: 'Invalid request' }).waitFor();
    assert.equal(new URL(page.url()).origin, s.url, 'no redirect to an unregistered redirect_uri');
    await shot('08-error');
  });

  it('XSS: markup in the URL runs nothing in the browser', async () => {
    const evil = '"><img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script>';
    // prompt=login: the browser is still signed in, and the login page is where the parameters are echoed.
    await authorize({ state: evil, login_hint: evil, prompt: 'login' });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.getByLabel('Username').inputValue(), evil, 'shown as text, as typed');
    assert.deepEqual(errors, []);
  });
});
