/**
 * Sign-in triggers with real handler modules: PreTokenGeneration V1 and V2 (claims, groups and scopes as
 * aws-jwt-verify sees them, reserved claims untouched, the refresh source), UserMigration on sign-in and on
 * forgot-password (the user then signs in without the trigger), PreAuthentication refusing a sign-in and
 * PostAuthentication being told of one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand, AdminGetUserCommand, GetTokensFromRefreshTokenCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand,
  UpdateUserPoolCommand, type AuthFlowType,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { createUser, srpStart } from '../auth/fixtures.js';
import { attrMap, createClient, createGroup, createPool, failure, lastCode, PASSWORD } from '../users/fixtures.js';
import { triggerServer } from './helpers.js';

const verifierFor = (iss: string, tokenUse: 'id' | 'access') =>
  JwtRsaVerifier.create(
    { issuer: iss, audience: null, jwksUri: `${iss}/.well-known/jwks.json`, customJwtCheck: ({ payload }) => assert.equal(payload.token_use, tokenUse) },
    { jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } }) },
  );

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

for (const dialect of DIALECTS) {
  describe(`sign-in triggers (${dialect})`, () => {
    let s: TestServer;
    const journal = path.join(mkdtempSync(path.join(os.tmpdir(), 'cognate-journal-')), 'auth.jsonl');
    before(async () => {
      s = await triggerServer(dialect);
    });
    after(() => s.stop());

    async function setup(lambdaConfig: Record<string, unknown>) {
      const poolId = await createPool(s, { LambdaConfig: lambdaConfig, Schema: [{ Name: 'suspended', AttributeDataType: 'String', Mutable: true }] });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: [...FLOWS] })).id;
      return { poolId, clientId };
    }
    const signIn = (clientId: string, USERNAME: string, PASSWORD_: string, flow: AuthFlowType = 'USER_PASSWORD_AUTH', meta?: Record<string, string>) =>
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: flow, ClientId: clientId, AuthParameters: { USERNAME, PASSWORD: PASSWORD_ }, ClientMetadata: meta }));

    it('PreTokenGeneration V2 adds a claim and a group that aws-jwt-verify sees in both tokens; reserved claims stay', async () => {
      const { poolId, clientId } = await setup({ PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:pre-token-v2' } });
      await createUser(s.idp, poolId, 'tina', PASSWORD, { email: 'tina@example.com' });
      await createGroup(s, poolId, 'staff', 1);
      await s.idp.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'tina', GroupName: 'staff' }));
      const r = await signIn(clientId, 'tina', PASSWORD);
      const iss = `${s.url}/${poolId}`;
      const id = await verifierFor(iss, 'id').verify(r.AuthenticationResult!.IdToken!);
      const access = await verifierFor(iss, 'access').verify(r.AuthenticationResult!.AccessToken!);
      assert.equal(id.tenant, 'acme');
      assert.deepEqual(id.roles, ['reader', 'writer']);
      assert.deepEqual(id.profile_meta, { tier: 3 });
      assert.deepEqual(id['cognito:groups'], ['staff', 'added-by-trigger']);
      assert.equal(id.email, undefined, 'suppressed');
      assert.equal(id['cognito:username'], 'tina', 'reserved claims cannot be overridden');
      assert.equal(id.token_use, 'id');
      assert.equal(id.iss, iss, 'reserved claims cannot be suppressed');
      assert.equal(access.tenant, 'acme');
      assert.equal(access.source, 'TokenGeneration_Authentication');
      assert.deepEqual(access['cognito:groups'], ['staff', 'added-by-trigger']);
      assert.equal(access.client_id, clientId);
      assert.deepEqual(String(access.scope).split(' ').sort(), ['aws.cognito.signin.user.admin', 'orders/read']);

      const refreshed = await s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: r.AuthenticationResult!.RefreshToken! },
      }));
      const access2 = await verifierFor(iss, 'access').verify(refreshed.AuthenticationResult!.AccessToken!);
      assert.equal(access2.source, 'TokenGeneration_RefreshTokens');
      assert.equal(access2.meta_tag, undefined, 'InitiateAuth does not forward ClientMetadata to PreTokenGeneration');
      const viaApi = await s.publicIdp.send(new GetTokensFromRefreshTokenCommand({
        ClientId: clientId, RefreshToken: r.AuthenticationResult!.RefreshToken!, ClientMetadata: { tag: 'from-client' },
      }));
      const access3 = await verifierFor(iss, 'access').verify(viaApi.AuthenticationResult!.AccessToken!);
      assert.deepEqual([access3.source, access3.meta_tag], ['TokenGeneration_RefreshTokens', 'from-client']);
    });

    it('PreTokenGeneration V1 (legacy ARN) changes the ID token only, and its group override applies', async () => {
      const { poolId, clientId } = await setup({ PreTokenGeneration: 'pre-token-v1' });
      await createUser(s.idp, poolId, 'uma', PASSWORD, { email: 'uma@example.com' });
      const { answer } = await srpStart(s.publicIdp, clientId, 'uma');
      const r = await answer(poolId, PASSWORD);
      const iss = `${s.url}/${poolId}`;
      const id = await verifierFor(iss, 'id').verify(r.AuthenticationResult!.IdToken!);
      const access = await verifierFor(iss, 'access').verify(r.AuthenticationResult!.AccessToken!);
      assert.equal(id.tenant, 'acme');
      assert.equal(id['custom:plan'], 'gold');
      assert.equal(id.email, undefined);
      assert.notEqual(id.sub, 'forged-sub');
      assert.deepEqual(id['cognito:groups'], ['v1-group']);
      assert.equal(access.tenant, undefined, 'V1 does not touch the access token claims');
    });

    it('UserMigration imports a legacy user on first sign-in; afterwards the user signs in without the trigger', async () => {
      const { poolId, clientId } = await setup({ UserMigration: 'user-migration' });
      const wrong = await failure(signIn(clientId, 'legacy-lee', 'Not-The-Pass-1'));
      assert.equal(wrong.name, 'UserLambdaValidationException');
      assert.equal(wrong.message, 'UserMigration failed with error Bad password.');
      const unknown = await failure(signIn(clientId, 'nobody-anywhere', PASSWORD));
      assert.equal(unknown.name, 'UserNotFoundException');

      const r = await signIn(clientId, 'legacy-lee', 'Legacy-Pass-1');
      assert.ok(r.AuthenticationResult?.IdToken);
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'legacy-lee' }));
      assert.equal(u.UserStatus, 'CONFIRMED');
      assert.equal(attrMap(u.UserAttributes).email, 'lee@legacy.example');
      assert.equal(attrMap(u.UserAttributes).email_verified, 'true');

      // The trigger is gone; the migrated password works over SRP too (the verifier was stored).
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: poolId, LambdaConfig: {} }));
      const { answer } = await srpStart(s.publicIdp, clientId, 'legacy-lee');
      assert.ok((await answer(poolId, 'Legacy-Pass-1')).AuthenticationResult?.AccessToken);
      assert.ok((await signIn(clientId, 'legacy-lee', 'Legacy-Pass-1')).AuthenticationResult?.IdToken);
    });

    it('UserMigration on ForgotPassword creates a RESET_REQUIRED user who resets and signs in', async () => {
      const { poolId, clientId } = await setup({ UserMigration: 'user-migration' });
      const fp = await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'legacy-rae' }));
      assert.equal(fp.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.equal((await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'legacy-rae' }))).UserStatus, 'RESET_REQUIRED');
      const code = await lastCode(s.url, poolId, 'legacy-rae');
      await s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'legacy-rae', ConfirmationCode: code, Password: 'Fresh-Pass-77' }));
      assert.ok((await signIn(clientId, 'legacy-rae', 'Fresh-Pass-77')).AuthenticationResult?.IdToken);
    });

    it('PreAuthentication refuses a flagged user (password and SRP); PostAuthentication sees each sign-in', async () => {
      const { poolId, clientId } = await setup({ PreAuthentication: 'pre-auth', PostAuthentication: 'post-auth' });
      await createUser(s.idp, poolId, 'vera', PASSWORD, { 'custom:suspended': 'yes' });
      await createUser(s.idp, poolId, 'walt', PASSWORD);
      const e = await failure(signIn(clientId, 'vera', PASSWORD, 'USER_PASSWORD_AUTH', { journal }));
      assert.equal(e.name, 'UserLambdaValidationException');
      assert.equal(e.message, 'PreAuthentication failed with error Account suspended.');
      const e2 = await failure(srpStart(s.publicIdp, clientId, 'vera'));
      assert.equal(e2.message, 'PreAuthentication failed with error Account suspended.');
      assert.ok((await signIn(clientId, 'walt', PASSWORD, 'USER_PASSWORD_AUTH', { journal })).AuthenticationResult);
      const lines = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(lines.some((l) => l.trigger === 'PreAuthentication_Authentication' && l.userName === 'vera' && l.userNotFound === false));
      assert.ok(lines.some((l) => l.trigger === 'PostAuthentication_Authentication' && l.userName === 'walt' && l.newDeviceUsed === false));
      assert.ok(!lines.some((l) => l.trigger === 'PostAuthentication_Authentication' && l.userName === 'vera'), 'no PostAuthentication for a refused sign-in');
      assert.ok(existsSync(journal));
    });
  });
}
