/**
 * The threats around sign-in state: a NEW_PASSWORD_REQUIRED session replayed or used after it expired, a
 * rejected new password that must not burn the session, password guessing (lockout after five failures,
 * lifted by time and reset by success), and expired temporary passwords.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createTempUser, createUser, failure, srpStart } from './fixtures.js';

const EXPIRED = 'Invalid session for the user, session is expired.';

for (const d of DIALECTS) {
  describe(`sessions and lockout (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let pw: { id: string };
    let admin: { id: string };

    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp, {
        Schema: [{ Name: 'given_name', AttributeDataType: 'String', Required: true, Mutable: true }],
      });
      pw = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 5 });
      admin = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] });
    });
    after(() => s.stop());

    const signIn = (USERNAME: string, PASSWORD: string) =>
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pw.id, AuthParameters: { USERNAME, PASSWORD } }));
    const newPassword = (Session: string | undefined, responses: Record<string, string>) =>
      s.publicIdp.send(new RespondToAuthChallengeCommand({ ClientId: pw.id, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses: responses }));

    it('NEW_PASSWORD_REQUIRED keeps required attributes, survives a rejected password and is single-use', async () => {
      await createTempUser(s.idp, poolId, 'temp1', 'Temp-Pass-123', { given_name: 'Tem' });
      const r = await signIn('temp1', 'Temp-Pass-123');
      assert.equal(r.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      assert.ok(r.Session && r.Session.length >= 20);
      assert.equal(r.ChallengeParameters!.USER_ID_FOR_SRP, 'temp1');
      assert.deepEqual(JSON.parse(r.ChallengeParameters!.requiredAttributes!), []);
      assert.equal(JSON.parse(r.ChallengeParameters!.userAttributes!).given_name, 'Tem');

      let e = await failure(newPassword(r.Session, { USERNAME: 'temp1', NEW_PASSWORD: 'New-Pass-456', 'userAttributes.given_name': '' }));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'Invalid attributes given, given_name is missing']);
      e = await failure(newPassword(r.Session, { USERNAME: 'temp1', NEW_PASSWORD: 'weak' }));
      assert.equal(e.name, 'InvalidPasswordException');
      const ok = await newPassword(r.Session, { USERNAME: 'temp1', NEW_PASSWORD: 'New-Pass-456', 'userAttributes.given_name': 'Tem' });
      assert.ok(ok.AuthenticationResult?.IdToken);
      e = await failure(newPassword(r.Session, { USERNAME: 'temp1', NEW_PASSWORD: 'Other-Pass-789' }));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', EXPIRED]);
      assert.ok((await signIn('temp1', 'New-Pass-456')).AuthenticationResult);
    });

    it('NEW_PASSWORD_REQUIRED shows only the attributes the client may read', async () => {
      const narrow = await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ReadAttributes: ['given_name'] });
      await createTempUser(s.idp, poolId, 'temp5', 'Temp-Pass-123', { given_name: 'Five', family_name: 'Secret' });
      const r = await s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: narrow.id, AuthParameters: { USERNAME: 'temp5', PASSWORD: 'Temp-Pass-123' },
      }));
      assert.deepEqual(JSON.parse(r.ChallengeParameters!.userAttributes!), { given_name: 'Five' });
    });

    it('refuses forged sessions and sessions of another client', async () => {
      let e = await failure(newPassword('A'.repeat(43), { USERNAME: 'x', NEW_PASSWORD: 'New-Pass-456' }));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', EXPIRED]);
      await createTempUser(s.idp, poolId, 'temp2', 'Temp-Pass-123', { given_name: 'T' });
      const r = await s.idp.send(new AdminInitiateAuthCommand({
        UserPoolId: poolId, ClientId: admin.id, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'temp2', PASSWORD: 'Temp-Pass-123' },
      }));
      assert.equal(r.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      e = await failure(newPassword(r.Session, { USERNAME: 'temp2', NEW_PASSWORD: 'New-Pass-456' }));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', EXPIRED]);
      const ok = await s.idp.send(new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId, ClientId: admin.id, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: r.Session,
        ChallengeResponses: { USERNAME: 'temp2', NEW_PASSWORD: 'New-Pass-456' },
      }));
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    it('an answer to another challenge is refused without using the session up', async () => {
      await createTempUser(s.idp, poolId, 'temp4', 'Temp-Pass-123', { given_name: 'T' });
      const r = await signIn('temp4', 'Temp-Pass-123');
      const e = await failure(s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: pw.id, ChallengeName: 'SMS_MFA', Session: r.Session, ChallengeResponses: { USERNAME: 'temp4', SMS_MFA_CODE: '123456' },
      })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'This session expects a NEW_PASSWORD_REQUIRED answer, not SMS_MFA.']);
      const forged = await failure(s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: pw.id, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'B'.repeat(43), ChallengeResponses: { USERNAME: 'temp4', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      })));
      assert.deepEqual([forged.name, forged.message], ['NotAuthorizedException', EXPIRED]);
      assert.ok((await newPassword(r.Session, { USERNAME: 'temp4', NEW_PASSWORD: 'New-Pass-456' })).AuthenticationResult);
    });

    it('a session expires after AuthSessionValidity minutes', async () => {
      await createTempUser(s.idp, poolId, 'temp3', 'Temp-Pass-123', { given_name: 'T' });
      const r = await signIn('temp3', 'Temp-Pass-123');
      s.clock.advance(5 * 60_000 + 1000);
      try {
        const e = await failure(newPassword(r.Session, { USERNAME: 'temp3', NEW_PASSWORD: 'New-Pass-456' }));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', EXPIRED]);
      } finally {
        s.clock.advance(-(5 * 60_000 + 1000));
      }
    });

    it('a SECRET_BLOCK expires like a session (default 3 minutes)', async () => {
      const srpClient = await createClient(s.idp, poolId);
      await createUser(s.idp, poolId, 'slowpoke', PASSWORD, { given_name: 'S' });
      const start = await srpStart(s.publicIdp, srpClient.id, 'slowpoke');
      s.clock.advance(3 * 60_000 + 1000);
      try {
        const e = await failure(start.answer(poolId, PASSWORD, { timestamp: s.clock.now() }));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', EXPIRED]);
      } finally {
        s.clock.advance(-(3 * 60_000 + 1000));
      }
      const fresh = await srpStart(s.publicIdp, srpClient.id, 'slowpoke');
      assert.ok((await fresh.answer(poolId, PASSWORD)).AuthenticationResult?.AccessToken);
    });

    it('locks a user after five failures, lifts the lock with time and resets on success', async () => {
      await createUser(s.idp, poolId, 'guessme', PASSWORD, { given_name: 'G' });
      for (let i = 0; i < 5; i++) {
        const e = await failure(signIn('guessme', `Wrong-Pass-${i}`));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Incorrect username or password.']);
      }
      const locked = await failure(signIn('guessme', PASSWORD));
      assert.deepEqual([locked.name, locked.message], ['NotAuthorizedException', 'Password attempts exceeded']);
      s.clock.advance(1500);
      assert.ok((await signIn('guessme', PASSWORD)).AuthenticationResult);
      // the success cleared the counter: one more failure does not lock
      await failure(signIn('guessme', 'Wrong-Pass-x'));
      assert.ok((await signIn('guessme', PASSWORD)).AuthenticationResult);
      s.clock.advance(-1500);
    });

    it('a temporary password expires after TemporaryPasswordValidityDays', async () => {
      await createTempUser(s.idp, poolId, 'late', 'Temp-Pass-123', { given_name: 'L' });
      const eightDays = 8 * 86_400_000;
      s.clock.advance(eightDays);
      try {
        const e = await failure(signIn('late', 'Temp-Pass-123'));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.']);
      } finally {
        s.clock.advance(-eightDays);
      }
    });
  });
}
