/**
 * SRP sign-in as real apps do it: amazon-cognito-identity-js `authenticateUser` (USER_SRP_AUTH →
 * PASSWORD_VERIFIER), its `newPasswordRequired` path, wrong passwords, and the decoy challenge for unknown users
 * when PreventUserExistenceErrors is ENABLED (stable salt, failure only at the claim, same error as a wrong
 * password).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createTempUser, createUser, failure, srpStart } from './fixtures.js';

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; error: { code?: string; name?: string; message: string } }
  | { kind: 'newPassword'; userAttributes: Record<string, string>; requiredAttributes: string[]; user: CognitoUser };

function authenticate(pool: CognitoUserPool, username: string, password: string): Promise<Outcome> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: (error) => resolve({ kind: 'failure', error }),
      newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ kind: 'newPassword', userAttributes, requiredAttributes, user }),
    }),
  );
}

function completeNewPassword(user: CognitoUser, password: string, attrs: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) =>
    user.completeNewPasswordChallenge(password, attrs, {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: (error) => resolve({ kind: 'failure', error }),
    }),
  );
}

for (const d of DIALECTS) {
  describe(`SRP sign-in (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let legacy: CognitoUserPool;
    let hiddenId: string;

    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp, { UsernameConfiguration: { CaseSensitive: false } });
      const c = await createClient(s.idp, poolId);
      hiddenId = (await createClient(s.idp, poolId, { PreventUserExistenceErrors: 'ENABLED' })).id;
      legacy = new CognitoUserPool({ UserPoolId: poolId, ClientId: c.id, endpoint: s.url });
      await createUser(s.idp, poolId, 'Alice', PASSWORD, { email: 'alice@example.com' });
    });
    after(() => s.stop());

    it('authenticateUser signs in with SRP, also with the username in another case', async () => {
      for (const name of ['Alice', 'alice']) {
        const r = await authenticate(legacy, name, PASSWORD);
        assert.equal(r.kind, 'success', JSON.stringify(r));
        const session = (r as { session: CognitoUserSession }).session;
        assert.ok(session.isValid());
        assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'Alice');
        assert.ok(session.getRefreshToken().getToken());
      }
    });

    it('refreshSession renews the tokens with REFRESH_TOKEN_AUTH', async () => {
      const r = await authenticate(legacy, 'Alice', PASSWORD);
      assert.equal(r.kind, 'success');
      const first = (r as { session: CognitoUserSession }).session;
      const user = new CognitoUser({ Username: 'Alice', Pool: legacy });
      const renewed = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.refreshSession(first.getRefreshToken(), (err: unknown, sess: CognitoUserSession) => (err ? reject(err) : resolve(sess))));
      assert.ok(renewed.isValid());
      assert.notEqual(renewed.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());
      assert.equal(renewed.getRefreshToken().getToken(), first.getRefreshToken().getToken());
      assert.equal(renewed.getIdToken().decodePayload().origin_jti, first.getIdToken().decodePayload().origin_jti);
    });

    it('refuses a wrong password at the claim', async () => {
      const r = await authenticate(legacy, 'Alice', 'Not-The-Password-1');
      assert.equal(r.kind, 'failure');
      const e = (r as { error: { code?: string; message: string } }).error;
      assert.deepEqual([e.code, e.message], ['NotAuthorizedException', 'Incorrect username or password.']);
    });

    it('reports an unknown user as such with LEGACY errors', async () => {
      const r = await authenticate(legacy, 'nobody', PASSWORD);
      assert.equal(r.kind, 'failure');
      const e = (r as { error: { code?: string; message: string } }).error;
      assert.deepEqual([e.code, e.message], ['UserNotFoundException', 'User does not exist.']);
    });

    it('hides an unknown user behind a stable decoy challenge with PreventUserExistenceErrors ENABLED', async () => {
      const hidden = new CognitoUserPool({ UserPoolId: poolId, ClientId: hiddenId, endpoint: s.url });
      const unknown = await authenticate(hidden, 'nobody', PASSWORD);
      const wrong = await authenticate(hidden, 'Alice', 'Not-The-Password-1');
      assert.equal(unknown.kind, 'failure');
      assert.deepEqual((unknown as any).error.code, (wrong as any).error.code);
      assert.deepEqual((unknown as any).error.message, 'Incorrect username or password.');

      const a = await srpStart(s.publicIdp, hiddenId, 'nobody');
      const b = await srpStart(s.publicIdp, hiddenId, 'nobody');
      assert.equal(a.response.ChallengeName, 'PASSWORD_VERIFIER');
      assert.equal(a.params.SALT, b.params.SALT);
      assert.notEqual(a.params.SRP_B, b.params.SRP_B);
      assert.deepEqual(Object.keys(a.params).sort(), ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
      const real = await srpStart(s.publicIdp, hiddenId, 'Alice');
      assert.deepEqual(Object.keys(real.params).sort(), Object.keys(a.params).sort());
      assert.equal(real.params.SALT!.length >= 28 && a.params.SALT!.length >= 28, true);
    });

    it('a PASSWORD_VERIFIER answer works once, and only with a recent TIMESTAMP', async () => {
      const start = await srpStart(s.publicIdp, legacy.getClientId(), 'alice');
      assert.equal(start.params.USER_ID_FOR_SRP, 'Alice');
      const stale = await failure(start.answer(poolId, PASSWORD, { timestamp: Date.now() - 10 * 60_000 }));
      assert.equal(stale.name, 'NotAuthorizedException');
      const again = await failure(start.answer(poolId, PASSWORD));
      assert.deepEqual([again.name, again.message], ['NotAuthorizedException', 'Invalid session for the user, session is expired.']);

      const fresh = await srpStart(s.publicIdp, legacy.getClientId(), 'alice');
      const ok = await fresh.answer(poolId, PASSWORD);
      assert.ok(ok.AuthenticationResult?.AccessToken);
      const replay = await failure(fresh.answer(poolId, PASSWORD));
      assert.deepEqual([replay.name, replay.message], ['NotAuthorizedException', 'Invalid session for the user, session is expired.']);
    });

    it('newPasswordRequired: a user with a temporary password sets a new one and is signed in', async () => {
      await createTempUser(s.idp, poolId, 'newbie', 'Temp-Pass-123', { email: 'newbie@example.com' });
      const r = await authenticate(legacy, 'newbie', 'Temp-Pass-123');
      assert.equal(r.kind, 'newPassword', JSON.stringify(r));
      const np = r as Extract<Outcome, { kind: 'newPassword' }>;
      assert.equal(np.userAttributes.email, 'newbie@example.com');
      assert.deepEqual(np.requiredAttributes, []);
      delete np.userAttributes.email_verified;
      const weak = await completeNewPassword(np.user, 'short', np.userAttributes);
      assert.equal(weak.kind, 'failure');
      assert.equal((weak as any).error.code, 'InvalidPasswordException');
      const done = await completeNewPassword(np.user, 'Brand-New-Pass-1', { ...np.userAttributes, name: 'New Bie' });
      assert.equal(done.kind, 'success', JSON.stringify(done));
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'newbie' }));
      assert.equal(u.UserStatus, 'CONFIRMED');
      assert.equal(u.UserAttributes!.find((a) => a.Name === 'name')?.Value, 'New Bie');
      assert.equal((await authenticate(legacy, 'newbie', 'Brand-New-Pass-1')).kind, 'success');
      assert.equal((await authenticate(legacy, 'newbie', 'Temp-Pass-123')).kind, 'failure');
    });
  });
}
