/**
 * The CONFIRM_WITH_LINK sign-up: the e-mail carries Cognito's link ({##Verify Email##} →
 * `…/confirmUser?client_id=…&user_name=…&confirmation_code=…` on the pool's domain), and GET /confirmUser
 * confirms the account and shows a page. Threats: a wrong, used or expired code confirms nothing; an unknown
 * user gets the very same page as a wrong code (no account discovery through the link).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminGetUserCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, ResendConfirmationCodeCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { CALLBACK, PASSWORD, hostedPool, type HostedPool } from './fixtures.js';

const INVALID = 'This confirmation link is invalid or has expired.';

for (const d of DIALECTS) {
  describe(`/confirmUser e-mail link (${d})`, () => {
    let s: TestServer;
    let p: HostedPool;
    before(async () => {
      s = await startTestServer(d);
      p = await hostedPool(s, {
        pool: { VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailSubjectByLink: 'Welcome', EmailMessageByLink: 'Hello! {##Verify Email##} to start.' } },
      });
    });
    after(async () => {
      await s.stop();
    });

    const signUp = (username: string, clientId = p.clientId) =>
      s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
    const mails = async (poolId: string, username: string) =>
      ((await (await fetch(`${s.url}/_dev/outbox?poolId=${poolId}&username=${username}`)).json()) as { messages: { subject?: string; body: string; code?: string }[] }).messages;
    /** The link of the newest e-mail to the user, as an URL object. */
    const linkOf = async (poolId: string, username: string) => {
      const [m] = await mails(poolId, username);
      const href = /<a href="([^"]+)">Verify Email<\/a>/.exec(m!.body)?.[1];
      assert.ok(href, `a link in ${m!.body}`);
      return new URL(href!.replace(/&amp;/g, '&'));
    };
    const open = async (url: URL | string) => {
      const u = new URL(String(url));
      const res = await fetch(`${s.url}${u.pathname}${u.search}`, { redirect: 'manual' });
      return { status: res.status, html: await res.text(), csp: res.headers.get('content-security-policy') ?? '' };
    };
    const status = async (poolId: string, username: string) => {
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      return { status: u.UserStatus, emailVerified: u.UserAttributes!.find((a) => a.Name === 'email_verified')?.Value };
    };

    it("the sign-up e-mail carries Cognito's link on the pool's domain, and opening it confirms the user", async () => {
      await signUp('linda');
      const [m] = await mails(p.poolId, 'linda');
      assert.equal(m!.subject, 'Welcome');
      assert.match(m!.body, /^Hello! <a href="[^"]+">Verify Email<\/a> to start\.$/);
      const link = await linkOf(p.poolId, 'linda');
      assert.equal(link.pathname, `/domain/${p.domain}/confirmUser`);
      assert.deepEqual([...link.searchParams.keys()], ['client_id', 'user_name', 'confirmation_code']);
      assert.equal(link.searchParams.get('client_id'), p.clientId);
      assert.equal(link.searchParams.get('user_name'), 'linda');
      assert.match(link.searchParams.get('confirmation_code')!, /^\d{6}$/);
      assert.equal((await status(p.poolId, 'linda')).status, 'UNCONFIRMED');

      const page = await open(link);
      assert.equal(page.status, 200);
      assert.match(page.html, /Your registration has been confirmed!/);
      assert.match(page.csp, /default-src 'none'/);
      const signIn = /<a[^>]*href="([^"]*\/login\?[^"]*)"/.exec(page.html)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(signIn, 'a sign-in link for the code-flow client');
      assert.equal(new URL(signIn!, s.url).searchParams.get('redirect_uri'), CALLBACK);
      assert.deepEqual(await status(p.poolId, 'linda'), { status: 'CONFIRMED', emailVerified: 'true' });

      const again = await open(link);
      assert.equal(again.status, 400, 'a used link confirms nothing more');
      assert.match(again.html, new RegExp(INVALID));
    });

    it('threat: a wrong code leaves the user unconfirmed, and an unknown user gets the very same page', async () => {
      await signUp('wanda');
      const link = await linkOf(p.poolId, 'wanda');
      const code = link.searchParams.get('confirmation_code')!;
      link.searchParams.set('confirmation_code', code === '000000' ? '111111' : '000000');
      const wrong = await open(link);
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, new RegExp(INVALID));
      assert.equal((await status(p.poolId, 'wanda')).status, 'UNCONFIRMED');
      link.searchParams.set('user_name', 'nobody-here');
      const unknown = await open(link);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.html, wrong.html);
    });

    it('an expired code (over 24 hours) shows the error page; a resent link works', async () => {
      await signUp('edgar');
      const old = await linkOf(p.poolId, 'edgar');
      s.clock.advance(25 * 3600_000);
      let page;
      try {
        page = await open(old);
      } finally {
        s.clock.advance(-25 * 3600_000);
      }
      assert.equal(page.status, 400);
      assert.match(page.html, new RegExp(INVALID));
      assert.equal((await status(p.poolId, 'edgar')).status, 'UNCONFIRMED');
      await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: p.clientId, Username: 'edgar' }));
      const fresh = await linkOf(p.poolId, 'edgar');
      assert.notEqual(fresh.searchParams.get('confirmation_code'), null);
      assert.equal((await open(fresh)).status, 200);
      assert.equal((await status(p.poolId, 'edgar')).status, 'CONFIRMED');
    });

    it('an incomplete link or an unknown client is a clear error page, never a 500', async () => {
      const incomplete = await open(`${s.url}/confirmUser?client_id=${p.clientId}&user_name=linda`);
      assert.equal(incomplete.status, 400);
      assert.match(incomplete.html, /incomplete/);
      const twice = await open(`${s.url}/confirmUser?client_id=${p.clientId}&user_name=a&user_name=b&confirmation_code=123456`);
      assert.equal(twice.status, 400);
      const unknown = await open(`${s.url}/confirmUser?client_id=nosuchclient123&user_name=linda&confirmation_code=123456`);
      assert.equal(unknown.status, 400);
      assert.match(unknown.html, /does not exist/);
      const foreign = await hostedPool(s);
      const wrongDomain = await open(`${s.url}/domain/${foreign.domain}/confirmUser?client_id=${p.clientId}&user_name=linda&confirmation_code=123456`);
      assert.equal(wrongDomain.status, 400);
      assert.match(wrongDomain.html, /does not belong to this domain/);
    });

    it('a pool without a domain links to the public URL; a confidential client is confirmed with its secret hash computed by the server', async () => {
      const pool = (await s.idp.send(new CreateUserPoolCommand({
        PoolName: 'no-domain', AutoVerifiedAttributes: ['email'], VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' },
      }))).UserPool!.Id!;
      const client = (await s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'api', GenerateSecret: true }))).UserPoolClient!;
      const { createHmac } = await import('node:crypto');
      const secretHash = createHmac('sha256', client.ClientSecret!).update(`nadia${client.ClientId}`).digest('base64');
      await s.publicIdp.send(new SignUpCommand({ ClientId: client.ClientId!, Username: 'nadia', Password: PASSWORD, SecretHash: secretHash, UserAttributes: [{ Name: 'email', Value: 'nadia@example.com' }] }));
      const [m] = await mails(pool, 'nadia');
      assert.match(m!.body, /^Please click the link below to verify your email address\. <a href="[^"]+">Verify Email<\/a> $/, "Cognito's default link message");
      const link = await linkOf(pool, 'nadia');
      assert.equal(link.pathname, '/confirmUser');
      const page = await open(link);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.html, /\/login\?/, 'no sign-in link for a client without the code flow');
      assert.equal((await status(pool, 'nadia')).status, 'CONFIRMED');
    });

    it('CONFIRM_WITH_CODE (the default) sends a code and no link', async () => {
      const plain = await hostedPool(s);
      await s.publicIdp.send(new SignUpCommand({ ClientId: plain.clientId, Username: 'carla', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'carla@example.com' }] }));
      const [m] = await mails(plain.poolId, 'carla');
      assert.doesNotMatch(m!.body, /confirmUser|<a /);
      assert.match(m!.body, new RegExp(m!.code!));
    });
  });
}
