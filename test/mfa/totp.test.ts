/**
 * TOTP MFA as apps drive it with amazon-cognito-identity-js: associateSoftwareToken → verifySoftwareToken →
 * setUserMfaPreference while signed in, then a sign-in that asks totpRequired and completes with sendMFACode.
 * Threats: a replayed TOTP code (refused within its window), guessing (CodeMismatch, then the attempt cap closes
 * the session), a code from the wrong step. Also MFA_SETUP when MFA is ON and the user has no factor.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdminGetUserCommand, GetUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import {
  PASSWORD, admin, associate, call, createClient, createPool, createUser, expectStep, failure, identityJs, nextStep, sendMfaCode, setMfa, signIn,
  totp, verifyToken,
} from './fixtures.js';

for (const d of DIALECTS) {
  describe(`TOTP MFA with amazon-cognito-identity-js (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
      clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 15 })).id;
    });
    after(() => s.stop());

    /** Signs in (no MFA yet), registers an authenticator and prefers it; returns the secret. */
    async function enrol(username: string): Promise<string> {
      await createUser(s.idp, poolId, username);
      const ijs = identityJs(s, poolId, clientId);
      const user = ijs.user(username);
      expectStep(await signIn(user, username, PASSWORD), 'success');
      const secret = await associate(user);
      assert.match(secret, /^[A-Z2-7]{32}$/, 'RFC 4648 base32, 160 bits');
      const ok = await verifyToken(user, totp(s, secret), 'my phone');
      assert.equal(ok.kind, 'success');
      assert.equal(await call<string>((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb)), 'SUCCESS');
      return secret;
    }

    it('enrols an authenticator and signs in with totpRequired → sendMFACode', async () => {
      const secret = await enrol('tina');
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'tina' }));
      assert.deepEqual(u.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
      assert.equal(u.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');

      nextStep(s); // the code used to verify is spent; sign in on the next step
      const user = identityJs(s, poolId, clientId).user('tina');
      const challenge = expectStep(await signIn(user, 'tina', PASSWORD), 'totpRequired');
      assert.equal(challenge.params.FRIENDLY_DEVICE_NAME, 'my phone');
      const done = expectStep(await sendMfaCode(user, totp(s, secret), 'SOFTWARE_TOKEN_MFA'), 'success');
      const me = await s.publicIdp.send(new GetUserCommand({ AccessToken: done.session.getAccessToken().getJwtToken() }));
      assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
      assert.equal(me.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    });

    it('refuses a TOTP code replayed within its window (threat: a shoulder-surfed or intercepted code)', async () => {
      const secret = await enrol('ray');
      nextStep(s);
      const code = totp(s, secret);
      const first = identityJs(s, poolId, clientId).user('ray');
      expectStep(await signIn(first, 'ray', PASSWORD), 'totpRequired');
      expectStep(await sendMfaCode(first, code, 'SOFTWARE_TOKEN_MFA'), 'success');
      const second = identityJs(s, poolId, clientId).user('ray');
      expectStep(await signIn(second, 'ray', PASSWORD), 'totpRequired');
      const replay = expectStep(await sendMfaCode(second, code, 'SOFTWARE_TOKEN_MFA'), 'failure');
      assert.equal(replay.error.code, 'ExpiredCodeException');
      // A code of the previous step (still inside the ±1 window) is also spent.
      nextStep(s);
      const old = expectStep(await sendMfaCode(second, totp(s, secret, -1), 'SOFTWARE_TOKEN_MFA'), 'failure');
      assert.equal(old.error.code, 'ExpiredCodeException');
      // The current code still works on the same session.
      expectStep(await sendMfaCode(second, totp(s, secret), 'SOFTWARE_TOKEN_MFA'), 'success');
    });

    it('answers a wrong code with CodeMismatchException and closes the session at the attempt cap (threat: guessing)', async () => {
      const secret = await enrol('gus');
      nextStep(s);
      const user = identityJs(s, poolId, clientId).user('gus');
      expectStep(await signIn(user, 'gus', PASSWORD), 'totpRequired');
      const right = totp(s, secret);
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) {
        const r = expectStep(await sendMfaCode(user, wrong, 'SOFTWARE_TOKEN_MFA'), 'failure');
        assert.equal(r.error.code, 'CodeMismatchException');
      }
      const capped = expectStep(await sendMfaCode(user, right, 'SOFTWARE_TOKEN_MFA'), 'failure');
      assert.equal(capped.error.code, 'NotAuthorizedException', 'after the cap even the right code is refused');
      const gone = expectStep(await sendMfaCode(user, right, 'SOFTWARE_TOKEN_MFA'), 'failure');
      assert.equal(gone.error.code, 'NotAuthorizedException');
    });

    it('asks for the code after USER_PASSWORD_AUTH too (AWS SDK v3), and accepts ±1 step only', async () => {
      const secret = await enrol('pia');
      nextStep(s);
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'pia', PASSWORD } }));
      assert.equal(init.ChallengeName, 'SOFTWARE_TOKEN_MFA');
      assert.equal(init.AuthenticationResult, undefined);
      const respond = (code: string) =>
        s.publicIdp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: init.Session, ChallengeResponses: { USERNAME: 'pia', SOFTWARE_TOKEN_MFA_CODE: code } }));
      assert.equal((await failure(respond(totp(s, secret, 3)))).name, 'CodeMismatchException', 'three steps ahead is outside the window');
      const ok = await respond(totp(s, secret, 1));
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    it('refuses VerifySoftwareToken with a wrong code and SetUserMFAPreference before verification', async () => {
      await createUser(s.idp, poolId, 'vic');
      const user = identityJs(s, poolId, clientId).user('vic');
      expectStep(await signIn(user, 'vic', PASSWORD), 'success');
      const secret = await associate(user);
      const right = totp(s, secret);
      const bad = expectStep(await verifyToken(user, String((Number(right) + 7) % 1_000_000).padStart(6, '0')), 'failure');
      assert.equal(bad.error.code, 'EnableSoftwareTokenMFAException');
      const pref: any = await call((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb)).catch((e: unknown) => e);
      assert.equal(pref.code, 'InvalidParameterException');
      assert.equal(pref.message, 'User has not verified software token mfa');
    });
  });

  describe(`MFA_SETUP when MFA is required (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
      clientId = (await createClient(s.idp, poolId)).id;
      await createUser(s.idp, poolId, 'nora');
    });
    after(() => s.stop());

    it('issues MFA_SETUP, sets the authenticator up with the session, then requires it', async () => {
      const user = identityJs(s, poolId, clientId).user('nora');
      const setup = expectStep(await signIn(user, 'nora', PASSWORD), 'mfaSetup');
      assert.deepEqual(JSON.parse(setup.params.MFAS_CAN_SETUP), ['SOFTWARE_TOKEN_MFA']);
      const secret = await associate(user);
      const done = expectStep(await verifyToken(user, totp(s, secret)), 'success');
      assert.ok(done.session.isValid());
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nora' }));
      assert.deepEqual(u.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);

      nextStep(s);
      const again = identityJs(s, poolId, clientId).user('nora');
      expectStep(await signIn(again, 'nora', PASSWORD), 'totpRequired');
      expectStep(await sendMfaCode(again, totp(s, secret), 'SOFTWARE_TOKEN_MFA'), 'success');
    });

    it('refuses MFA_SETUP answered before the authenticator is verified (threat: skipping the second factor)', async () => {
      await createUser(s.idp, poolId, 'skip');
      const user = identityJs(s, poolId, clientId).user('skip');
      expectStep(await signIn(user, 'skip', PASSWORD), 'mfaSetup');
      const session = (user as any).Session as string;
      const e = await failure(s.publicIdp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'MFA_SETUP', Session: session, ChallengeResponses: { USERNAME: 'skip' } })));
      assert.equal(e.name, 'InvalidParameterException');
    });
  });
}
