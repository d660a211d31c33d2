/**
 * App clients through the real SDK: defaults, secrets (returned by Describe, sealed at rest), validity ranges
 * after unit conversion, auth-flow and OAuth rules, full-replace updates, paging, deletion and restart.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  ListUserPoolClientsCommand,
  type CreateUserPoolClientCommandInput,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';
import { getClient } from '../../src/user-pools/pools.js';

async function rejects(p: Promise<unknown>, name: string, message?: RegExp | string) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

for (const dialect of DIALECTS) {
  describe(`app clients (${dialect})`, () => {
    let s: TestServer;
    let poolId: string;
    before(async () => {
      s = await startTestServer(dialect);
      const p = await s.idp.send(new CreateUserPoolCommand({ PoolName: 'clients', Schema: [{ Name: 'tier' }] }));
      poolId = p.UserPool!.Id!;
    });
    after(() => s.stop());

    const create = (input: Partial<CreateUserPoolClientCommandInput> = {}) =>
      s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...input })).then((r) => r.UserPoolClient as UserPoolClientType);

    it('creates a public client with Cognito defaults', async () => {
      const c = await create({ ClientName: 'web' });
      assert.match(c.ClientId!, /^[a-z0-9]{26}$/);
      assert.equal(c.UserPoolId, poolId);
      assert.equal(c.ClientName, 'web');
      assert.equal(c.ClientSecret, undefined);
      assert.deepEqual(c.ExplicitAuthFlows, ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);
      assert.equal(c.RefreshTokenValidity, 30);
      assert.equal(c.AccessTokenValidity, 1);
      assert.equal(c.IdTokenValidity, 1);
      assert.deepEqual(c.TokenValidityUnits, { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' });
      assert.equal(c.PreventUserExistenceErrors, 'LEGACY');
      assert.equal(c.EnableTokenRevocation, true);
      assert.equal(c.AuthSessionValidity, 3);
      assert.equal(c.AllowedOAuthFlowsUserPoolClient, false);
      assert.ok(c.CreationDate instanceof Date);
      const d = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient!;
      assert.deepEqual(d, c);
    });

    it('a generated secret is returned by Describe and stored only sealed', async () => {
      const c = await create({ GenerateSecret: true });
      assert.match(c.ClientSecret!, /^[a-z0-9]{51}$/);
      const d = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient!;
      assert.equal(d.ClientSecret, c.ClientSecret);
      const row = await s.svc.db.selectFrom('pool_clients').selectAll().where('client_id', '=', c.ClientId!).executeTakeFirstOrThrow();
      assert.ok(row.secret_enc);
      assert.ok(!row.secret_enc.includes(c.ClientSecret!), 'no plaintext secret in the secret column');
      assert.ok(!row.config.includes(c.ClientSecret!), 'no plaintext secret in the config');
      assert.equal(s.svc.box.open(row.secret_enc, `client-secret:${c.ClientId}`), c.ClientSecret);
      const loaded = await getClient(s.svc, c.ClientId!);
      assert.equal(loaded.secret, c.ClientSecret);
      assert.equal(loaded.poolId, poolId);
      assert.deepEqual(loaded.config.ExplicitAuthFlows, c.ExplicitAuthFlows);
    });

    it('keeps OAuth settings, attributes and validities as given', async () => {
      const c = await create({
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 30,
        IdTokenValidity: 2,
        RefreshTokenValidity: 90,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' },
        CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb'],
        LogoutURLs: ['https://app.example.com/bye'],
        DefaultRedirectURI: 'https://app.example.com/cb',
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
        AllowedOAuthFlowsUserPoolClient: true,
        SupportedIdentityProviders: ['COGNITO'],
        ReadAttributes: ['email', 'custom:tier'],
        WriteAttributes: ['email', 'custom:tier'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: false,
        AuthSessionValidity: 10,
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      });
      assert.deepEqual(c.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      assert.deepEqual([c.AccessTokenValidity, c.IdTokenValidity, c.RefreshTokenValidity], [30, 2, 90]);
      assert.deepEqual(c.TokenValidityUnits, { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' });
      assert.deepEqual(c.AllowedOAuthFlows, ['code']);
      assert.deepEqual(c.AllowedOAuthScopes, ['openid', 'email', 'aws.cognito.signin.user.admin']);
      assert.equal(c.DefaultRedirectURI, 'https://app.example.com/cb');
      assert.deepEqual(c.ReadAttributes, ['email', 'custom:tier']);
      assert.equal(c.PreventUserExistenceErrors, 'ENABLED');
      assert.equal(c.EnableTokenRevocation, false);
      assert.equal(c.AuthSessionValidity, 10);
      assert.deepEqual(c.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    });

    it('refuses invalid settings with Cognito exception types', async () => {
      await rejects(create({ ExplicitAuthFlows: ['NOPE' as never] }), 'InvalidParameterException', /explicitAuthFlows/);
      await rejects(create({ ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] }), 'InvalidParameterException', /legacy/);
      await rejects(create({ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes' } }), 'InvalidParameterException', /AccessTokenValidity/);
      await rejects(create({ IdTokenValidity: 25 }), 'InvalidParameterException', /IdTokenValidity/);
      await rejects(create({ RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' } }), 'InvalidParameterException', /RefreshTokenValidity/);
      await rejects(create({ RefreshTokenValidity: 3651 }), 'InvalidParameterException', /RefreshTokenValidity/);
      await rejects(create({ AuthSessionValidity: 16 }), 'InvalidParameterException', /authSessionValidity/);
      await rejects(create({ AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], AllowedOAuthFlowsUserPoolClient: true }), 'InvalidOAuthFlowException');
      await rejects(create({ AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] }), 'InvalidOAuthFlowException', /client secret/);
      await rejects(create({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials', 'code'], CallbackURLs: ['https://a.example/cb'] }), 'InvalidOAuthFlowException');
      await rejects(create({ AllowedOAuthScopes: ['openid', 'api.example.com/read'] }), 'ScopeDoesNotExistException', /api\.example\.com\/read/);
      await rejects(create({ AllowedOAuthScopes: ['admin'] }), 'ScopeDoesNotExistException');
      await rejects(create({ CallbackURLs: ['https://a.example/cb'], DefaultRedirectURI: 'https://b.example/cb' }), 'InvalidParameterException', /DefaultRedirectURI/);
      await rejects(create({ CallbackURLs: ['https://a.example/cb#frag'] }), 'InvalidParameterException', /fragment/);
      await rejects(create({ CallbackURLs: ['not a url'] }), 'InvalidParameterException');
      await rejects(create({ SupportedIdentityProviders: ['Google'] }), 'InvalidParameterException', /Google/);
      await rejects(create({ ReadAttributes: ['custom:nope'] }), 'InvalidParameterException', 'Invalid read attributes specified while creating a client');
      await rejects(create({ WriteAttributes: ['sub'] }), 'InvalidParameterException', 'Invalid write attributes specified while creating a client');
      const strict = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'required-email', Schema: [{ Name: 'email', Required: true }] }))).UserPool!.Id!;
      await rejects(create({ UserPoolId: strict, WriteAttributes: ['given_name'] }), 'InvalidParameterException', 'Invalid write attributes specified while creating a client');
      assert.deepEqual((await create({ UserPoolId: strict, WriteAttributes: ['given_name', 'email'] })).WriteAttributes, ['given_name', 'email']);
      await rejects(create({ ClientName: '' }), 'InvalidParameterException', /clientName/);
    });

    it('unknown pools and clients are ResourceNotFoundException', async () => {
      await rejects(create({ UserPoolId: 'us-east-1_nothere00' }), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
      await rejects(
        s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' })),
        'ResourceNotFoundException',
        'User pool client nosuchclient0000000000000a does not exist.',
      );
      await rejects(s.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nosuchclient0000000000000a' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException');
      const other = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'other' }))).UserPool!.Id!;
      const c = await create();
      await rejects(s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: other, ClientId: c.ClientId })), 'ResourceNotFoundException', /client/);
      await assert.rejects(getClient(s.svc, 'nosuchclient0000000000000a'), (e: Error & { type?: string }) => e.type === 'ResourceNotFoundException');
    });

    it('UpdateUserPoolClient replaces the settings and keeps name, secret and creation date', async () => {
      const c = await create({
        ClientName: 'before',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AccessTokenValidity: 2,
        CallbackURLs: ['https://a.example/cb'],
      });
      s.clock.advance(3_000);
      const u = (await s.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, AuthSessionValidity: 5 }))).UserPoolClient!;
      assert.equal(u.ClientName, 'before');
      assert.equal(u.ClientSecret, c.ClientSecret);
      assert.deepEqual(u.ExplicitAuthFlows, ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);
      assert.equal(u.PreventUserExistenceErrors, 'LEGACY');
      assert.equal(u.AccessTokenValidity, 1);
      assert.equal(u.CallbackURLs, undefined);
      assert.equal(u.AuthSessionValidity, 5);
      assert.equal(u.CreationDate!.getTime(), c.CreationDate!.getTime());
      assert.ok(u.LastModifiedDate!.getTime() > c.LastModifiedDate!.getTime());
      const r = (await s.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, ClientName: 'after' }))).UserPoolClient!;
      assert.equal(r.ClientName, 'after');
      await rejects(s.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } })), 'InvalidParameterException');
    });

    it('ListUserPoolClients pages by NextToken; DeleteUserPoolClient removes one', async () => {
      const p = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'paging' }))).UserPool!.Id!;
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await create({ UserPoolId: p, ClientName: `c${i}` })).ClientId!);
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const out = await s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: p, MaxResults: 2, NextToken: token }));
        assert.ok(out.UserPoolClients!.length <= 2);
        for (const c of out.UserPoolClients!) {
          assert.equal(c.UserPoolId, p);
          assert.match(c.ClientName!, /^c\d$/);
          seen.push(c.ClientId!);
        }
        token = out.NextToken;
      } while (token);
      assert.deepEqual([...seen].sort(), [...made].sort());
      await rejects(s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: p, MaxResults: 61 })), 'InvalidParameterException', /maxResults/);
      await s.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: p, ClientId: made[0] }));
      await rejects(s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: p, ClientId: made[0] })), 'ResourceNotFoundException');
      assert.equal((await s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: p }))).UserPoolClients!.length, 4);
    });

    it('clients and their secrets survive a restart', async () => {
      const c = await create({ ClientName: 'durable', GenerateSecret: true });
      s = await s.restart();
      const d = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient!;
      assert.equal(d.ClientName, 'durable');
      assert.equal(d.ClientSecret, c.ClientSecret);
    });
  });
}
