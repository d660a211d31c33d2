/**
 * SMS and e-mail MFA with codes read from the development outbox: amazon-cognito-identity-js for SMS_MFA
 * (mfaRequired → sendMFACode) and SELECT_MFA_TYPE (selectMFAType → sendMFASelectionAnswer), the AWS SDK v3 for
 * EMAIL_OTP (identity-js 6.3 has no EMAIL_OTP callback) and for the API's EMAIL_MFA answer name. Threats: a wrong
 * code (CodeMismatch), a code older than 3 minutes (ExpiredCode), a code of another sign-in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserSettingsCommand, InitiateAuthCommand, RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import {
  PASSWORD, SMS_CONFIG, admin, createClient, createPool, createUser, expectStep, failure, identityJs, lastCode, outbox, sendMfaCode, setMfa, signIn,
  stepCallbacks, type Step,
} from './fixtures.js';

const PHONE = '+15555550123';

for (const d of DIALECTS) {
  describe(`SMS and e-mail MFA (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, {
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code is {####}', SmsConfiguration: SMS_CONFIG },
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: 'Code: {####}', Subject: 'Sign-in code' },
      });
      clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: 15 })).id;
    });
    after(() => s.stop());

    async function user(name: string, prefs: Record<string, unknown>) {
      await createUser(s.idp, poolId, name, PASSWORD, { phone_number: PHONE, phone_number_verified: 'true', email: `${name}@example.com`, email_verified: 'true' });
      await admin(s).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: name, ...prefs }));
    }

    it('sends an SMS code and signs in with mfaRequired → sendMFACode', async () => {
      await user('sam', { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'sam' }));
      assert.deepEqual([u.UserMFASettingList, u.PreferredMfaSetting], [['SMS_MFA'], 'SMS_MFA']);
      const cu = identityJs(s, poolId, clientId).user('sam');
      const ch = expectStep(await signIn(cu, 'sam', PASSWORD), 'mfaRequired');
      assert.equal(ch.params.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
      assert.equal(ch.params.CODE_DELIVERY_DESTINATION, '+*******0123');
      const [msg] = await outbox(s.url, poolId, 'sam');
      assert.equal(msg!.medium, 'SMS');
      assert.equal(msg!.destination, PHONE);
      assert.equal(msg!.body, `Your sign-in code is ${msg!.code}`);
      const wrong = String((Number(msg!.code) + 1) % 1_000_000).padStart(6, '0');
      assert.equal(expectStep(await sendMfaCode(cu, wrong, 'SMS_MFA'), 'failure').error.code, 'CodeMismatchException');
      expectStep(await sendMfaCode(cu, msg!.code!, 'SMS_MFA'), 'success');
      // The code is used up: the same code cannot finish another sign-in.
      const again = identityJs(s, poolId, clientId).user('sam');
      expectStep(await signIn(again, 'sam', PASSWORD), 'mfaRequired');
      const fresh = await lastCode(s.url, poolId, 'sam');
      assert.notEqual(fresh, msg!.code);
      assert.equal(expectStep(await sendMfaCode(again, msg!.code!, 'SMS_MFA'), 'failure').error.code, 'CodeMismatchException');
    });

    it('refuses an SMS code older than 3 minutes with ExpiredCodeException', async () => {
      await user('old', { SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'old', PASSWORD } }));
      assert.equal(init.ChallengeName, 'SMS_MFA');
      const code = await lastCode(s.url, poolId, 'old');
      s.clock.advance(3 * 60_000 + 1_000);
      const e = await failure(s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'SMS_MFA', Session: init.Session, ChallengeResponses: { USERNAME: 'old', SMS_MFA_CODE: code },
      })));
      assert.equal(e.name, 'ExpiredCodeException');
    });

    it('sends an e-mail code for EMAIL_OTP (AWS SDK v3)', async () => {
      await user('eve', { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'eve', PASSWORD } }));
      assert.equal(init.ChallengeName, 'EMAIL_OTP');
      assert.deepEqual(init.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'e***@e***' });
      const [msg] = await outbox(s.url, poolId, 'eve');
      assert.deepEqual([msg!.medium, msg!.subject, msg!.body], ['EMAIL', 'Sign-in code', `Code: ${msg!.code}`]);
      const r = await s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: init.Session, ChallengeResponses: { USERNAME: 'eve', EMAIL_OTP_CODE: msg!.code! },
      }));
      assert.ok(r.AuthenticationResult?.IdToken);
    });

    it('asks SELECT_MFA_TYPE when several factors are on and none is preferred (identity-js and the API names)', async () => {
      await user('sel', { SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } });
      const cu = identityJs(s, poolId, clientId).user('sel');
      const sel = expectStep(await signIn(cu, 'sel', PASSWORD), 'selectMFAType');
      assert.deepEqual(JSON.parse(sel.params.MFAS_CAN_CHOOSE), ['SMS_MFA', 'EMAIL_OTP']);
      const sms = await new Promise<Step>((resolve) => cu.sendMFASelectionAnswer('SMS_MFA', stepCallbacks(resolve) as any));
      expectStep(sms, 'mfaRequired');
      expectStep(await sendMfaCode(cu, await lastCode(s.url, poolId, 'sel'), 'SMS_MFA'), 'success');

      // The API reference's EMAIL_MFA answer selects EMAIL_OTP; a factor not offered is refused.
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'sel', PASSWORD } }));
      assert.equal(init.ChallengeName, 'SELECT_MFA_TYPE');
      const pick = (answer: string) => s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'SELECT_MFA_TYPE', Session: init.Session, ChallengeResponses: { USERNAME: 'sel', ANSWER: answer },
      }));
      assert.equal((await failure(pick('SOFTWARE_TOKEN_MFA'))).name, 'InvalidParameterException');
      const email = await pick('EMAIL_MFA');
      assert.equal(email.ChallengeName, 'EMAIL_OTP');
      const r = await s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: email.Session, ChallengeResponses: { USERNAME: 'sel', EMAIL_OTP_CODE: await lastCode(s.url, poolId, 'sel') },
      }));
      assert.ok(r.AuthenticationResult?.AccessToken);
    });

    it('keeps the legacy MFAOptions opt-in (AdminSetUserSettings) in step with SMS MFA', async () => {
      await createUser(s.idp, poolId, 'leg', PASSWORD, { phone_number: PHONE });
      await admin(s).send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'leg', MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'leg' }));
      assert.deepEqual(u.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
      assert.deepEqual(u.UserMFASettingList, ['SMS_MFA']);
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'leg', PASSWORD } }));
      assert.equal(init.ChallengeName, 'SMS_MFA');
      await admin(s).send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: 'leg', MFAOptions: [] }));
      const off = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'leg' }));
      assert.equal(off.UserMFASettingList, undefined);
      assert.equal(off.MFAOptions, undefined);
    });

    it('turns MFA off for everyone when the pool says OFF', async () => {
      const p2 = await createPool(s.idp);
      await setMfa(s.idp, p2, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} });
      const c2 = (await createClient(s.idp, p2, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
      await createUser(s.idp, p2, 'off', PASSWORD, { email: 'off@example.com', email_verified: 'true' });
      await admin(s).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: p2, Username: 'off', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const signInOff = () => s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c2, AuthParameters: { USERNAME: 'off', PASSWORD } }));
      assert.equal((await signInOff()).ChallengeName, 'EMAIL_OTP');
      await setMfa(s.idp, p2, { MfaConfiguration: 'OFF' });
      const r = await signInOff();
      assert.equal(r.ChallengeName, undefined);
      assert.ok(r.AuthenticationResult?.AccessToken);
    });
  });

  describe(`MFA ON with SMS (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(() => s.stop());

    it('sends SMS_MFA to a user with a phone number who chose nothing', async () => {
      const poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIG }, SoftwareTokenMfaConfiguration: { Enabled: true } });
      const clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
      await createUser(s.idp, poolId, 'phoned', PASSWORD, { phone_number: PHONE, phone_number_verified: 'true' });
      await createUser(s.idp, poolId, 'bare', PASSWORD);
      const start = (u: string) => s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: u, PASSWORD } }));
      assert.equal((await start('phoned')).ChallengeName, 'SMS_MFA');
      const bare = await start('bare');
      assert.equal(bare.ChallengeName, 'MFA_SETUP');
      assert.deepEqual(JSON.parse(bare.ChallengeParameters!.MFAS_CAN_SETUP!), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    });
  });
}
