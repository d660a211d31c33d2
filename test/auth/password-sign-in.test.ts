/**
 * Password sign-in through the AWS SDK: USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH,
 * ExplicitAuthFlows, SECRET_HASH, the status checks that come before the password, user-existence hiding and
 * REFRESH_TOKEN_AUTH — with Cognito's error types and messages.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminDisableUserCommand, AdminInitiateAuthCommand, AdminResetUserPasswordCommand, InitiateAuthCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser, failure, jwtPayload, secretHash } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`password sign-in (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let otherPoolId: string;
    let pw: { id: string };
    let dflt: { id: string };
    let hidden: { id: string };
    let admin: { id: string };
    let secret: { id: string; secret?: string };

    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      otherPoolId = await createPool(s.idp);
      pw = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      dflt = await createClient(s.idp, poolId);
      hidden = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'], PreventUserExistenceErrors: 'ENABLED' });
      admin = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      secret = await createClient(s.idp, poolId, { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await createUser(s.idp, poolId, 'alice');
    });
    after(() => s.stop());

    const signIn = (clientId: string, USERNAME: string, PASSWORD: string, extra: Record<string, string> = {}) =>
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD, ...extra } }));

    it('USER_PASSWORD_AUTH returns tokens for the right password', async () => {
      const r = await signIn(pw.id, 'alice', PASSWORD);
      const a = r.AuthenticationResult!;
      assert.equal(r.ChallengeName, undefined);
      assert.equal(a.TokenType, 'Bearer');
      assert.equal(a.ExpiresIn, 3600);
      assert.ok(a.AccessToken && a.IdToken && a.RefreshToken);
      assert.equal(jwtPayload(a.IdToken!)['cognito:username'], 'alice');
      assert.equal(jwtPayload(a.AccessToken!).client_id, pw.id);
    });

    it('refuses a wrong password', async () => {
      const e = await failure(signIn(pw.id, 'alice', 'Wrong-Password-1'));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Incorrect username or password.']);
    });

    it('enforces ExplicitAuthFlows and the API of each flow', async () => {
      let e = await failure(signIn(dflt.id, 'alice', PASSWORD));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client']);
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: admin.id, AuthParameters: { USERNAME: 'alice', PASSWORD } })));
      assert.equal(e.name, 'InvalidParameterException');
      e = await failure(s.idp.send(new AdminInitiateAuthCommand({
        UserPoolId: poolId, ClientId: dflt.id, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD },
      })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'ADMIN_USER_PASSWORD_AUTH flow not enabled for this client']);
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'alice', PASSWORD } })));
      assert.equal(e.name, 'ResourceNotFoundException');
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: dflt.id, AuthParameters: { USERNAME: 'alice' } })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.']);
    });

    it('names what is missing or malformed', async () => {
      let e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pw.id, AuthParameters: { USERNAME: 'alice' } })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'Missing required parameter PASSWORD']);
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: dflt.id, AuthParameters: { USERNAME: 'alice' } })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'Missing required parameter SRP_A']);
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: dflt.id, AuthParameters: { USERNAME: 'alice', SRP_A: '0' } })));
      assert.equal(e.name, 'InvalidParameterException');
      e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'MAGIC_AUTH' as never, ClientId: pw.id, AuthParameters: {} })));
      assert.equal(e.name, 'InvalidParameterException');
      assert.match(e.message, /authFlow/);
    });

    it('AdminInitiateAuth signs in with ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH, only for the pool of the client', async () => {
      for (const AuthFlow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
        const r = await s.idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: admin.id, AuthFlow, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
        assert.ok(r.AuthenticationResult?.IdToken, AuthFlow);
      }
      const e = await failure(s.idp.send(new AdminInitiateAuthCommand({
        UserPoolId: otherPoolId, ClientId: admin.id, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD },
      })));
      assert.equal(e.name, 'ResourceNotFoundException');
      const unsigned = await failure(s.publicIdp.send(new AdminInitiateAuthCommand({
        UserPoolId: poolId, ClientId: admin.id, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD },
      })));
      assert.notEqual(unsigned.name, undefined);
      assert.notEqual(unsigned.status, 200);
    });

    it('requires and checks SECRET_HASH for a client with a secret', async () => {
      let e = await failure(signIn(secret.id, 'alice', PASSWORD));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', `Client ${secret.id} is configured for secret but secret was not received`]);
      e = await failure(signIn(secret.id, 'alice', PASSWORD, { SECRET_HASH: secretHash('not-the-secret', 'alice', secret.id) }));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', `Unable to verify secret hash for client ${secret.id}`]);
      const r = await signIn(secret.id, 'alice', PASSWORD, { SECRET_HASH: secretHash(secret.secret!, 'alice', secret.id) });
      assert.ok(r.AuthenticationResult?.AccessToken);
    });

    it('REFRESH_TOKEN_AUTH renews tokens without a new refresh token; with a secret the hash uses the canonical username', async () => {
      const first = (await signIn(pw.id, 'alice', PASSWORD)).AuthenticationResult!;
      const r = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pw.id, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
      assert.ok(r.AuthenticationResult?.AccessToken);
      assert.equal(r.AuthenticationResult?.RefreshToken, undefined);
      assert.equal(jwtPayload(r.AuthenticationResult!.IdToken!)['cognito:username'], 'alice');

      const withSecret = (await signIn(secret.id, 'alice', PASSWORD, { SECRET_HASH: secretHash(secret.secret!, 'alice', secret.id) })).AuthenticationResult!;
      const e = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN', ClientId: secret.id, AuthParameters: { REFRESH_TOKEN: withSecret.RefreshToken! } })));
      assert.equal(e.name, 'NotAuthorizedException');
      const ok = await s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN', ClientId: secret.id,
        AuthParameters: { REFRESH_TOKEN: withSecret.RefreshToken!, SECRET_HASH: secretHash(secret.secret!, 'alice', secret.id) },
      }));
      assert.ok(ok.AuthenticationResult?.IdToken);
    });

    it('checks the status before the password', async () => {
      await s.publicIdp.send(new SignUpCommand({ ClientId: pw.id, Username: 'uncle', Password: PASSWORD }));
      let e = await failure(signIn(pw.id, 'uncle', 'Wrong-Password-1'));
      assert.deepEqual([e.name, e.message], ['UserNotConfirmedException', 'User is not confirmed.']);

      await createUser(s.idp, poolId, 'resetme', PASSWORD, { email: 'resetme@example.com', email_verified: 'true' });
      await s.idp.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'resetme' }));
      e = await failure(signIn(pw.id, 'resetme', PASSWORD));
      assert.deepEqual([e.name, e.message], ['PasswordResetRequiredException', 'Password reset required for the user']);

      await createUser(s.idp, poolId, 'disabled');
      await s.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'disabled' }));
      e = await failure(signIn(pw.id, 'disabled', PASSWORD));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'User is disabled.']);
    });

    it('reveals unknown users only when PreventUserExistenceErrors is LEGACY', async () => {
      const legacy = await failure(signIn(pw.id, 'nobody-here', PASSWORD));
      assert.deepEqual([legacy.name, legacy.message], ['UserNotFoundException', 'User does not exist.']);

      const unknown = await failure(signIn(hidden.id, 'nobody-here', PASSWORD));
      const wrong = await failure(signIn(hidden.id, 'alice', 'Wrong-Password-1'));
      assert.deepEqual(unknown, wrong);
      assert.deepEqual([unknown.name, unknown.message, unknown.status], ['NotAuthorizedException', 'Incorrect username or password.', 400]);

      // Byte for byte on the wire, apart from the request id.
      const raw = async (USERNAME: string, PASSWORD: string) => {
        const res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
          body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: hidden.id, AuthParameters: { USERNAME, PASSWORD } }),
        });
        const headers = Object.fromEntries([...res.headers].filter(([k]) => !/request-?id|date|keep-alive|connection/i.test(k)));
        return { status: res.status, headers, body: await res.text() };
      };
      assert.deepEqual(await raw('nobody-at-all', PASSWORD), await raw('alice', 'Wrong-Password-2'));
    });
  });
}
