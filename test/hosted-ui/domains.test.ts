/**
 * Sign-in domains and UI customization through the AWS SDK (both dialects): Cognito's shapes and errors for
 * Create/Describe/Update/DeleteUserPoolDomain, Host-header and path-form serving, and SetUICustomization /
 * GetUICustomization with the CSS allow-list and the logo checks (threat: customer CSS that fetches, scripts or
 * restyles outside the allowed classes; a "logo" that is really HTML or a script).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand, CreateUserPoolDomainCommand, DeleteUserPoolDomainCommand, DescribeUserPoolCommand, DescribeUserPoolDomainCommand,
  GetUICustomizationCommand, SetUICustomizationCommand, UpdateUserPoolDomainCommand, CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { Agent, authorizeUrl, clientInput, hostedPool, type HostedPool } from './fixtures.js';
import { PNG_LOGO } from './logo.js';

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}

for (const d of DIALECTS) {
  describe(`hosted UI domains and customization (${d})`, () => {
    let s: TestServer;
    let p: HostedPool;
    before(async () => {
      s = await startTestServer(d);
      p = await hostedPool(s);
    });
    after(() => s.stop());

    it('creates, describes, updates and deletes a prefix domain with Cognito shapes', async () => {
      const pool = await s.idp.send(new CreateUserPoolCommand({ PoolName: 'domains' }));
      const id = pool.UserPool!.Id!;
      const created = await s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'my-app-login' }));
      assert.equal(created.ManagedLoginVersion, 1);
      const described = await s.idp.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app-login' }));
      assert.equal(described.DomainDescription?.UserPoolId, id);
      assert.equal(described.DomainDescription?.Status, 'ACTIVE');
      assert.equal(described.DomainDescription?.Domain, 'my-app-login');
      assert.equal((await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.Domain, 'my-app-login');
      const updated = await s.idp.send(new UpdateUserPoolDomainCommand({ UserPoolId: id, Domain: 'my-app-login', ManagedLoginVersion: 2 }));
      assert.equal(updated.ManagedLoginVersion, 2);
      // Another pool cannot take it; this pool cannot have a second prefix domain.
      const other = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'other' }))).UserPool!.Id!;
      assert.equal((await failure(s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: 'my-app-login' })))).name, 'InvalidParameterException');
      assert.equal((await failure(s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'second-one' })))).name, 'InvalidParameterException');
      assert.equal((await failure(s.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: other, Domain: 'my-app-login' })))).name, 'InvalidParameterException');
      await s.idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: id, Domain: 'my-app-login' }));
      assert.deepEqual((await s.idp.send(new DescribeUserPoolDomainCommand({ Domain: 'my-app-login' }))).DomainDescription, {});
      assert.equal((await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.Domain, undefined);
    });

    it('refuses malformed prefixes, reserved words and custom domains without an ACM certificate ARN', async () => {
      for (const Domain of ['Upper', '-dash', 'has_underscore', 'my-cognito-app']) {
        const e = await failure(s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: p.poolId, Domain })));
        assert.equal(e.name, 'InvalidParameterException', Domain);
      }
      const e = await failure(s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: p.poolId, Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: 'not-an-arn-at-all-really' } })));
      assert.match(e.message, /CertificateArn/);
      const ok = await s.idp.send(
        new CreateUserPoolDomainCommand({ UserPoolId: p.poolId, Domain: `auth-${d}.example.com`, CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' } }),
      );
      assert.equal(ok.CloudFrontDomain, `auth-${d}.example.com`);
      const desc = await s.idp.send(new DescribeUserPoolDomainCommand({ Domain: `auth-${d}.example.com` }));
      assert.equal(desc.DomainDescription?.CustomDomainConfig?.CertificateArn, 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123');
    });

    it('serves the pages under the Host name, the path form and the API listener alike', async () => {
      const agent = new Agent();
      const port = new URL(s.url).port;
      // Host header of the prefix domain (as {prefix}.auth.localhost would send it).
      const byHost = await fetch(`${s.url}/login?${new URL(authorizeUrl('', p.clientId), 'http://x').searchParams}`, { headers: { host: `${p.domain}.auth.localhost:${port}` } });
      assert.equal(byHost.status, 200);
      const byPath = await agent.get(authorizeUrl(`${s.url}/domain/${p.domain}`, p.clientId));
      assert.equal(byPath.status, 302);
      assert.equal(byPath.location?.startsWith(`/domain/${p.domain}/login?`), true);
      const unknown = await agent.get(authorizeUrl(`${s.url}/domain/no-such-domain`, p.clientId));
      assert.equal(unknown.status, 404);
      // A client of another pool is refused on this pool's domain (error page, no redirect).
      const other = await hostedPool(s);
      const wrong = await agent.get(authorizeUrl(`${s.url}/domain/${p.domain}`, other.clientId));
      assert.equal(wrong.status, 400);
      assert.equal(wrong.location, undefined);
    });

    it('stores sanitized CSS and a PNG logo; a client setting replaces the pool default', async () => {
      const css = '.label-customizable { color: rgb(200, 0, 0); font-weight: 700; position: fixed }\n.submitButton-customizable { background-color: #123456 }';
      const set = await s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, CSS: css, ImageFile: PNG_LOGO }));
      assert.equal(set.UICustomization?.ClientId, 'ALL');
      assert.match(set.UICustomization!.CSSVersion!, /^\d{14}$/);
      assert.doesNotMatch(set.UICustomization!.CSS!, /position/, 'unlisted properties are dropped');
      const got = await s.idp.send(new GetUICustomizationCommand({ UserPoolId: p.poolId, ClientId: p.clientId }));
      assert.equal(got.UICustomization?.ClientId, 'ALL', 'the pool default applies to a client without its own');
      const logo = await fetch(got.UICustomization!.ImageUrl!);
      assert.equal(logo.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await logo.arrayBuffer()), Buffer.from(PNG_LOGO));
      await s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, ClientId: p.clientId, CSS: '.background-customizable { background-color: #fafafa }' }));
      const own = await s.idp.send(new GetUICustomizationCommand({ UserPoolId: p.poolId, ClientId: p.clientId }));
      assert.equal(own.UICustomization?.ClientId, p.clientId);
      assert.equal(own.UICustomization?.ImageUrl, undefined, 'a client setting replaces, it does not merge');
    });

    it('rejects CSS that could fetch, run or escape the allowed classes, naming the rule', async () => {
      const cases: [string, RegExp][] = [
        ['@import url(https://evil.example/x.css);', /@import/],
        ['.logo-customizable { background-color: url(https://evil.example/beacon) }', /url\(\)/],
        ['.label-customizable { color: expression(alert(1)) }', /expression\(\)/],
        ['body { background-color: red }', /'body'/],
        ['.label-customizable, input[type=password] { color: red }', /input\[type=password\]/],
        ['@media (min-width: 1px) { .label-customizable { color: red } }', /@media/],
        ['.label-customizable { color: "</style><script>alert(1)</script>" }', /not allowed/],
        ['.label-customizable { font-weight: 950 }', /'\.label-customizable \{ font-weight: 950 \}' is not allowed for font-weight: must be 100 to 900/],
        ['.submitButton-customizable { margin: -900px 0 0 0 }', /submitButton-customizable .*for margin: at least -50px/],
      ];
      for (const [CSS, message] of cases) {
        const e = await failure(s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, CSS })));
        assert.equal(e.name, 'InvalidParameterException', CSS);
        assert.match(e.message, message, CSS);
      }
    });

    it('rejects a logo that is not PNG/JPEG or larger than 100 KB, and a pool without a domain', async () => {
      const html = new TextEncoder().encode('<svg onload="alert(1)"></svg>');
      assert.match((await failure(s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, ImageFile: html })))).message, /PNG or JPEG/);
      const big = new Uint8Array(100 * 1024 + 1);
      big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.match((await failure(s.idp.send(new SetUICustomizationCommand({ UserPoolId: p.poolId, ImageFile: big })))).message, /100 KB/);
      const bare = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'bare' }))).UserPool!.Id!;
      await s.idp.send(new CreateUserPoolClientCommand(clientInput(bare)));
      assert.match((await failure(s.idp.send(new SetUICustomizationCommand({ UserPoolId: bare, CSS: '' })))).message, /domain/);
    });
  });
}
