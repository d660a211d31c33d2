/**
 * Amplify v6 (`aws-amplify/auth`), which has its own SRP implementation and session handling: default SRP
 * sign-in, the new-password step, USER_PASSWORD_AUTH and a wrong password, pointed at us with
 * `userPoolEndpoint` and nothing else changed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createTempUser, createUser } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`Amplify v6 sign-in (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
      const poolId = await createPool(s.idp);
      const c = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await createUser(s.idp, poolId, 'alice');
      await createTempUser(s.idp, poolId, 'bob', 'Temp-Pass-123');
      Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: c.id, userPoolEndpoint: s.url } } });
    });
    after(async () => {
      await signOut().catch(() => undefined);
      await s.stop();
    });

    it('signs in with SRP (the default flow) and holds the tokens', async () => {
      const r = await signIn({ username: 'alice', password: PASSWORD });
      assert.deepEqual(r, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      const session = await fetchAuthSession();
      assert.equal(session.tokens?.idToken?.payload['cognito:username'], 'alice');
      const me = await getCurrentUser();
      assert.equal(me.username, 'alice');
      await signOut();
    });

    it('completes the new-password step', async () => {
      const r = await signIn({ username: 'bob', password: 'Temp-Pass-123' });
      assert.equal(r.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
      const done = await confirmSignIn({ challengeResponse: 'New-Pass-456' });
      assert.equal(done.isSignedIn, true);
      await signOut();
    });

    it('signs in with USER_PASSWORD_AUTH and reports a wrong password as Cognito does', async () => {
      const r = await signIn({ username: 'bob', password: 'New-Pass-456', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      assert.equal(r.isSignedIn, true);
      await signOut();
      await assert.rejects(signIn({ username: 'alice', password: 'Wrong-Pass-1' }), (e: Error) =>
        e.name === 'NotAuthorizedException' && e.message === 'Incorrect username or password.');
    });
  });
}
