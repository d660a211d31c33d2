/**
 * Signing in by the identifiers apps actually use: email in an email-as-username pool (USER_ID_FOR_SRP is the
 * sub, which the SRP proof must be computed over) and a verified email alias in an AliasAttributes pool, through
 * amazon-cognito-identity-js and the SDK — including SECRET_HASH over the name the caller typed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser, failure, jwtPayload, secretHash, srpStart } from './fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function srpSignIn(pool: CognitoUserPool, username: string, password: string): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), { onSuccess: resolve, onFailure: reject }));
}

for (const d of DIALECTS) {
  describe(`sign-in identifiers (${d})`, () => {
    let s: TestServer;
    after(() => s.stop());
    before(async () => {
      s = await startTestServer(d);
    });

    it('email-as-username: SRP over the sub, and a decoy that looks the same for unknown emails', async () => {
      const poolId = await createPool(s.idp, { UsernameAttributes: ['email'] });
      const c = await createClient(s.idp, poolId, { PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] });
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'dana@example.com', MessageAction: 'SUPPRESS' }));
      await s.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'dana@example.com', Password: PASSWORD, Permanent: true }));

      const session = await srpSignIn(new CognitoUserPool({ UserPoolId: poolId, ClientId: c.id, endpoint: s.url }), 'dana@example.com', PASSWORD);
      const id = session.getIdToken().decodePayload();
      assert.match(id['cognito:username'], UUID);
      assert.equal(id.email, 'dana@example.com');

      const real = await srpStart(s.publicIdp, c.id, 'dana@example.com');
      assert.equal(real.params.USER_ID_FOR_SRP, id['cognito:username']);
      const ghost = await srpStart(s.publicIdp, c.id, 'ghost@example.com');
      assert.match(ghost.params.USER_ID_FOR_SRP!, UUID);
      assert.equal(ghost.params.USERNAME, ghost.params.USER_ID_FOR_SRP);
      const e = await failure(ghost.answer(poolId, PASSWORD));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Incorrect username or password.']);

      const pw = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.id, AuthParameters: { USERNAME: 'dana@example.com', PASSWORD } }));
      assert.equal(jwtPayload(pw.AuthenticationResult!.AccessToken!).username, id['cognito:username']);

      // A self-registered user: the verifier written at SignUp is over the generated username (the sub) too.
      const up = await s.publicIdp.send(new SignUpCommand({ ClientId: c.id, Username: 'finn@example.com', Password: PASSWORD }));
      await s.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'finn@example.com' }));
      const finn = await srpSignIn(new CognitoUserPool({ UserPoolId: poolId, ClientId: c.id, endpoint: s.url }), 'finn@example.com', PASSWORD);
      assert.equal(finn.getIdToken().decodePayload()['cognito:username'], up.UserSub);
    });

    it('verified email alias: SRP and password sign-in, SECRET_HASH over the alias typed', async () => {
      const poolId = await createPool(s.idp, { AliasAttributes: ['email'] });
      const c = await createClient(s.idp, poolId, { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] });
      await createUser(s.idp, poolId, 'erin', PASSWORD, { email: 'erin@example.com', email_verified: 'true' });

      const r = await srpStart(s.publicIdp, c.id, 'erin@example.com', { SECRET_HASH: secretHash(c.secret!, 'erin@example.com', c.id) });
      assert.equal(r.params.USER_ID_FOR_SRP, 'erin');
      const ok = await r.answer(poolId, PASSWORD, { responses: { SECRET_HASH: secretHash(c.secret!, 'erin', c.id) } });
      assert.equal(jwtPayload(ok.AuthenticationResult!.IdToken!)['cognito:username'], 'erin');

      const pw = await s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.id,
        AuthParameters: { USERNAME: 'erin@example.com', PASSWORD, SECRET_HASH: secretHash(c.secret!, 'erin@example.com', c.id) },
      }));
      assert.ok(pw.AuthenticationResult?.AccessToken);
      const bad = await failure(s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.id, AuthParameters: { USERNAME: 'erin@example.com', PASSWORD, SECRET_HASH: secretHash(c.secret!, 'erin', c.id) },
      })));
      assert.deepEqual([bad.name, bad.message], ['NotAuthorizedException', `Unable to verify secret hash for client ${c.id}`]);
    });
  });
}
