/**
 * CustomMessage rewriting real messages (read back from the developer outbox), and CUSTOM_AUTH driven by
 * amazon-cognito-identity-js with Define/Create/Verify handler modules: customChallenge → sendCustomChallengeAnswer,
 * wrong answers, SRP first (CUSTOM_AUTH with SRP_A), failAuthentication, and ALLOW_CUSTOM_AUTH enforcement.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand, ForgotPasswordCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand, UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { createUser } from '../auth/fixtures.js';
import { attrs, createClient, createPool, failure, outbox, PASSWORD } from '../users/fixtures.js';
import { triggerServer } from './helpers.js';
import { SMS_CONFIG, setMfa } from '../mfa/fixtures.js';
import { AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';

const CUSTOM = { DefineAuthChallenge: 'define-auth', CreateAuthChallenge: 'create-auth', VerifyAuthChallengeResponse: 'verify-auth' };

type Step = { kind: 'challenge'; params: Record<string, string> } | { kind: 'success'; session: CognitoUserSession } | { kind: 'failure'; err: any };

/** One round of amazon-cognito-identity-js callbacks as a promise. */
function callbacks(resolve: (s: Step) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (err: any) => resolve({ kind: 'failure', err }),
    customChallenge: (params: Record<string, string>) => resolve({ kind: 'challenge', params }),
  };
}

for (const dialect of DIALECTS) {
  describe(`CustomMessage and CUSTOM_AUTH (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await triggerServer(dialect);
    });
    after(() => s.stop());

    it('CustomMessage rewrites the sign-up, resend, forgot-password and invitation e-mails; a message without the code falls back', async () => {
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], LambdaConfig: { CustomMessage: 'custom-message' } });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] })).id;
      await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'xena', Password: PASSWORD, UserAttributes: attrs({ email: 'xena@example.com', given_name: 'Xena' }) }));
      const [signUpMail] = await outbox(s.url, poolId, 'xena');
      assert.equal(signUpMail!.subject, 'Welcome to Example, Xena');
      assert.equal(signUpMail!.body, `Hello Xena, your code is ${signUpMail!.code} (via CustomMessage_SignUp).`);
      assert.match(signUpMail!.code!, /^\d{6}$/);

      await s.idp.send(new AdminCreateUserCommand({
        UserPoolId: poolId, Username: 'yuri', TemporaryPassword: 'Temp-Pass-123', UserAttributes: attrs({ email: 'yuri@example.com', email_verified: 'true' }), DesiredDeliveryMediums: ['EMAIL'],
      }));
      const [invite] = await outbox(s.url, poolId, 'yuri');
      assert.equal(invite!.subject, 'You are invited');
      assert.equal(invite!.body, 'Sign in as yuri with Temp-Pass-123');

      await createUser(s.idp, poolId, 'zed', PASSWORD, { email: 'zed@example.com', email_verified: 'true' });
      await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'zed' }));
      const [reset] = await outbox(s.url, poolId, 'zed');
      assert.equal(reset!.subject, 'Reset your Example password');
      assert.equal(reset!.body, `Reset code: ${reset!.code}`);

      const signedIn = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'zed', PASSWORD } }));
      await s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: signedIn.AuthenticationResult!.AccessToken!, UserAttributes: attrs({ email: 'zed2@example.com' }) }));
      const [update] = await outbox(s.url, poolId, 'zed');
      assert.ok(update!.body.includes(update!.code!), 'the template (with the code) is sent when the handler drops {####}');
      assert.notEqual(update!.body, 'Your address changed.');
    });

    it('CustomMessage rewrites the SMS MFA code message (CustomMessage_Authentication)', async () => {
      const poolId = await createPool(s, { LambdaConfig: { CustomMessage: 'custom-message' } });
      await setMfa(s.idp, poolId, { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: SMS_CONFIG } });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] })).id;
      await createUser(s.idp, poolId, 'mo', PASSWORD, { phone_number: '+15555550123', phone_number_verified: 'true' });
      await s.idp.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'mo', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const init = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'mo', PASSWORD } }));
      assert.equal(init.ChallengeName, 'SMS_MFA');
      const [sms] = await outbox(s.url, poolId, 'mo');
      assert.equal(sms!.body, `Example sign-in code: ${sms!.code}`);
      const r = await s.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'SMS_MFA', Session: init.Session, ChallengeResponses: { USERNAME: 'mo', SMS_MFA_CODE: sms!.code! },
      }));
      assert.ok(r.AuthenticationResult?.IdToken);
    });

    it('amazon-cognito-identity-js custom auth: customChallenge → sendCustomChallengeAnswer, with a wrong answer first', async () => {
      const poolId = await createPool(s, { LambdaConfig: CUSTOM });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
      await createUser(s.idp, poolId, 'quinn', PASSWORD, { email: 'quinn@example.com' });
      const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: s.url });
      const user = new CognitoUser({ Username: 'quinn', Pool: pool });
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      const first = await new Promise<Step>((resolve) => user.initiateAuth(new AuthenticationDetails({ Username: 'quinn' }), callbacks(resolve)));
      assert.equal(first.kind, 'challenge');
      assert.deepEqual(first.kind === 'challenge' && first.params, { question: 'What is 6 x 7?', round: '1', USERNAME: 'quinn' });
      const wrong = await new Promise<Step>((resolve) => user.sendCustomChallengeAnswer('41', callbacks(resolve)));
      assert.equal(wrong.kind, 'challenge', 'a wrong answer gets the next challenge');
      assert.equal(wrong.kind === 'challenge' && wrong.params.round, '2');
      const right = await new Promise<Step>((resolve) => user.sendCustomChallengeAnswer('42', callbacks(resolve)));
      assert.equal(right.kind, 'success');
      const session = (right as { session: CognitoUserSession }).session;
      assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'quinn');
      assert.ok(session.getRefreshToken().getToken());
    });

    it('CUSTOM_AUTH with SRP first (identity-js authenticateUser), then the custom challenge', async () => {
      const poolId = await createPool(s, { LambdaConfig: CUSTOM });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })).id;
      await createUser(s.idp, poolId, 'remy', PASSWORD);
      const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: s.url });
      const user = new CognitoUser({ Username: 'remy', Pool: pool });
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      const challenged = await new Promise<Step>((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: 'remy', Password: PASSWORD }), callbacks(resolve)));
      assert.equal(challenged.kind, 'challenge', 'the SRP proof leads to the custom challenge');
      const done = await new Promise<Step>((resolve) => user.sendCustomChallengeAnswer('42', callbacks(resolve)));
      assert.equal(done.kind, 'success');

      const other = new CognitoUser({ Username: 'remy', Pool: pool });
      other.setAuthenticationFlowType('CUSTOM_AUTH');
      const bad = await new Promise<Step>((resolve) => other.authenticateUser(new AuthenticationDetails({ Username: 'remy', Password: 'Wrong-Pass-1' }), callbacks(resolve)));
      assert.equal(bad.kind, 'failure');
      assert.equal((bad as { err: any }).err.code, 'NotAuthorizedException');
    });

    it('three wrong answers fail the sign-in; the session cannot be replayed; flows and configuration are enforced', async () => {
      const poolId = await createPool(s, { LambdaConfig: CUSTOM });
      const clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })).id;
      await createUser(s.idp, poolId, 'sam', PASSWORD);
      let r = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'sam' } }));
      assert.equal(r.ChallengeName, 'CUSTOM_CHALLENGE');
      const firstSession = r.Session!;
      const answer = (session: string, ANSWER: string) =>
        s.publicIdp.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeResponses: { USERNAME: 'sam', ANSWER } }));
      r = await answer(firstSession, 'no');
      const replay = await failure(answer(firstSession, '42'));
      assert.equal(replay.name, 'NotAuthorizedException', 'an answered session is used up (threat: replaying a session to retry or skip a challenge)');
      r = await answer(r.Session!, 'no');
      const failed = await failure(answer(r.Session!, 'no'));
      assert.deepEqual([failed.name, failed.message], ['NotAuthorizedException', 'Incorrect username or password.']);

      const unknown = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'ghost' } })));
      assert.equal(unknown.name, 'UserNotFoundException');

      const noCustom = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] })).id;
      const disabled = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: noCustom, AuthParameters: { USERNAME: 'sam' } })));
      assert.deepEqual([disabled.name, disabled.message], ['InvalidParameterException', 'CUSTOM_AUTH flow not enabled for this client']);

      const bare = await createPool(s);
      const bareClient = (await createClient(s, bare, { ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'] })).id;
      const notConfigured = await failure(s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: bareClient, AuthParameters: { USERNAME: 'sam' } })));
      assert.deepEqual([notConfigured.name, notConfigured.message], ['InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.']);
    });
  });
}
