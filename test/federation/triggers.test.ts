/**
 * PreSignUp_ExternalProvider on a federated first sign-in: the handler sees the federated username and the
 * mapped attributes, its autoVerifyEmail applies, and its refusal stops the sign-in with nothing written and an
 * OAuth error for the app. The external provider is a small stand-in IdP (fake-idp.ts).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateIdentityProviderCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';
import { Browser } from './browser.js';
import { startFakeIdp, type FakeIdp } from './fake-idp.js';

const APP_CB = 'https://app.example/cb';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up-external';

for (const dialect of DIALECTS) {
  describe(`federation triggers (${dialect})`, () => {
    let s: TestServer;
    let fake: FakeIdp;
    let poolId: string;
    let clientId: string;
    before(async () => {
      fake = await startFakeIdp();
      const module = fileURLToPath(new URL('./fixtures/pre-sign-up-external.mjs', import.meta.url));
      s = await startTestServer(dialect, { overrides: { lambda: { timeoutMs: 3000, workerMemoryMb: 32, functions: { [FN]: { module } } } } });
      poolId = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'fed-triggers', LambdaConfig: { PreSignUp: FN } }))).UserPool!.Id!;
      await s.idp.send(new CreateIdentityProviderCommand({
        UserPoolId: poolId, ProviderName: 'Fake', ProviderType: 'OIDC', AttributeMapping: { email: 'email' },
        ProviderDetails: { client_id: fake.clientId, client_secret: fake.clientSecret, authorize_scopes: 'openid email', oidc_issuer: fake.issuer },
      }));
      clientId = (await s.idp.send(new CreateUserPoolClientCommand({
        UserPoolId: poolId, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [APP_CB], SupportedIdentityProviders: ['Fake'],
      }))).UserPoolClient!.ClientId!;
    });
    after(async () => {
      await s.stop();
      await fake.close();
    });

    const signIn = async () => {
      const url = `${s.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: APP_CB, scope: 'openid email', state: 's1', identity_provider: 'Fake' })}`;
      const hops = await new Browser().follow(url, (u) => u.startsWith(APP_CB));
      return new URL(hops.at(-1)!.location!);
    };
    const users = async () => (await s.idp.send(new ListUsersCommand({ UserPoolId: poolId }))).Users!;

    it('a refusing handler stops the first sign-in and writes nothing', async () => {
      fake.sub = 'blocked-1';
      fake.email = 'someone@blocked.example';
      const cb = await signIn();
      assert.equal(cb.searchParams.get('code'), null);
      assert.equal(cb.searchParams.get('error'), 'invalid_request');
      assert.match(cb.searchParams.get('error_description')!, /Domain not allowed/);
      assert.equal((await users()).length, 0);
    });

    it('the handler sees PreSignUp_ExternalProvider and its autoVerifyEmail applies', async () => {
      fake.sub = 'welcome-1';
      fake.email = 'welcome@example.com';
      const cb = await signIn();
      assert.ok(cb.searchParams.get('code'), cb.toString());
      const [u] = await users();
      assert.equal(u!.Username, 'Fake_welcome-1');
      assert.equal(u!.UserStatus, 'EXTERNAL_PROVIDER');
      assert.equal(u!.Attributes!.find((a) => a.Name === 'email_verified')?.Value, 'true');
    });
  });
}
