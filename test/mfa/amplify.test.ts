/**
 * Amplify v6 (`aws-amplify/auth`) through MFA with its own names: EMAIL_OTP sign-in (CONFIRM_SIGN_IN_WITH_EMAIL_CODE
 * with a code from the outbox), MFA selection answered `EMAIL` (Amplify sends ANSWER `EMAIL_OTP`), and TOTP set-up
 * when MFA is ON (CONTINUE_SIGN_IN_WITH_TOTP_SETUP: AssociateSoftwareToken / VerifySoftwareToken with the Session,
 * then MFA_SETUP).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, AssociateSoftwareTokenCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, createClient, createPool, createUser, lastCode, nextStep, setMfa, totp } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`Amplify v6 MFA (${d})`, () => {
    let s: TestServer;
    let optional: { poolId: string; clientId: string };
    let required: { poolId: string; clientId: string };
    let requiredEmail: { poolId: string; clientId: string };
    const use = (p: { poolId: string; clientId: string }) =>
      Amplify.configure({ Auth: { Cognito: { userPoolId: p.poolId, userPoolClientId: p.clientId, userPoolEndpoint: s.url } } });
    before(async () => {
      s = await startTestServer(d);
      let poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} });
      optional = { poolId, clientId: (await createClient(s.idp, poolId)).id };
      poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
      required = { poolId, clientId: (await createClient(s.idp, poolId)).id };
      poolId = await createPool(s.idp);
      await setMfa(s.idp, poolId, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: {} });
      requiredEmail = { poolId, clientId: (await createClient(s.idp, poolId)).id };
    });
    after(async () => {
      await signOut().catch(() => undefined);
      await s.stop();
    });

    it('signs in with an e-mail code', async () => {
      use(optional);
      await createUser(s.idp, optional.poolId, 'emma', PASSWORD, { email: 'emma@example.com', email_verified: 'true' });
      await admin(s).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: optional.poolId, Username: 'emma', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const r = await signIn({ username: 'emma', password: PASSWORD });
      assert.equal(r.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      const done = await confirmSignIn({ challengeResponse: await lastCode(s.url, optional.poolId, 'emma') });
      assert.equal(done.isSignedIn, true);
      await signOut();
    });

    it('lets the user pick e-mail among several factors (Amplify answers EMAIL_OTP)', async () => {
      use(optional);
      await createUser(s.idp, optional.poolId, 'mia', PASSWORD, { email: 'mia@example.com', email_verified: 'true' });
      // Enrol an authenticator while no factor is on yet.
      assert.equal((await signIn({ username: 'mia', password: PASSWORD })).isSignedIn, true);
      const AccessToken = (await fetchAuthSession()).tokens!.accessToken.toString();
      const { SecretCode } = await s.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      await s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(s, SecretCode!) }));
      await signOut();
      await admin(s).send(new AdminSetUserMFAPreferenceCommand({
        UserPoolId: optional.poolId, Username: 'mia', EmailMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true },
      }));
      const r = await signIn({ username: 'mia', password: PASSWORD });
      assert.equal(r.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
      assert.deepEqual((r.nextStep as any).allowedMFATypes, ['TOTP', 'EMAIL']);
      const picked = await confirmSignIn({ challengeResponse: 'EMAIL' });
      assert.equal(picked.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      assert.equal((await confirmSignIn({ challengeResponse: await lastCode(s.url, optional.poolId, 'mia') })).isSignedIn, true);
      await signOut();
    });

    it('sets up TOTP when MFA is required, then asks for it', async () => {
      use(required);
      await createUser(s.idp, required.poolId, 'theo');
      const r = await signIn({ username: 'theo', password: PASSWORD });
      assert.equal(r.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const secret = (r.nextStep as any).totpSetupDetails.sharedSecret as string;
      const done = await confirmSignIn({ challengeResponse: totp(s, secret) });
      assert.equal(done.isSignedIn, true);
      await signOut();
      nextStep(s);
      const again = await signIn({ username: 'theo', password: PASSWORD });
      assert.equal(again.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      assert.equal((await confirmSignIn({ challengeResponse: totp(s, secret) })).isSignedIn, true);
      await signOut();
    });

    it('sets up e-mail MFA when required: the address gets a code, then becomes the verified e-mail', async () => {
      use(requiredEmail);
      await createUser(s.idp, requiredEmail.poolId, 'ella');
      const r = await signIn({ username: 'ella', password: PASSWORD });
      assert.equal(r.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
      assert.equal((await confirmSignIn({ challengeResponse: 'EMAIL' })).nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
      const sent = await confirmSignIn({ challengeResponse: 'ella@example.com' });
      assert.equal(sent.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      const wrong = await confirmSignIn({ challengeResponse: '000000' }).then(() => undefined, (e: Error) => e.name);
      assert.equal(wrong, 'CodeMismatchException');
      assert.equal((await confirmSignIn({ challengeResponse: await lastCode(s.url, requiredEmail.poolId, 'ella@example.com') })).isSignedIn, true);
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: requiredEmail.poolId, Username: 'ella' }));
      const attrs = Object.fromEntries((u.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
      assert.deepEqual([attrs.email, attrs.email_verified, u.PreferredMfaSetting], ['ella@example.com', 'true', 'EMAIL_OTP']);
      await signOut();
    });
  });
}
