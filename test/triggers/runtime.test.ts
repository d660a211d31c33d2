/**
 * The trigger runtime through PreSignUp: local handler modules (async and callback style) in worker threads,
 * Cognito's error mapping, and isolation — a handler that throws, hangs, exhausts its memory or answers garbage
 * fails only its own request, and the server keeps answering.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdminCreateUserCommand, AdminGetUserCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { attrMap, attrs, createClient, createPool, failure, outbox, PASSWORD } from '../users/fixtures.js';
import { arn, triggerServer } from './helpers.js';

// Stands in for COGNATE_MASTER_KEY and friends when they come from the environment.
process.env.COGNATE_PROBE_SECRET = 'must-not-reach-handlers';

for (const dialect of DIALECTS) {
  describe(`trigger runtime (${dialect})`, () => {
    let s: TestServer;
    const journal = path.join(mkdtempSync(path.join(os.tmpdir(), 'cognate-journal-')), 'post-confirmation.jsonl');
    before(async () => {
      s = await triggerServer(dialect);
    });
    after(() => s.stop());

    async function poolWith(lambdaConfig: Record<string, string>) {
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], LambdaConfig: lambdaConfig });
      const client = await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      return { poolId, clientId: client.id };
    }
    const signUp = (clientId: string, username: string, extra: Record<string, unknown> = {}) =>
      s.publicIdp.send(new SignUpCommand({
        ClientId: clientId, Username: username, Password: PASSWORD,
        UserAttributes: attrs({ email: `${username}@example.com`, phone_number: '+15555550100' }), ...extra,
      }));

    it('PreSignUp auto-confirms and auto-verifies; PostConfirmation runs; the user signs in at once', async () => {
      const { poolId, clientId } = await poolWith({ PreSignUp: arn('pre-sign-up'), PostConfirmation: arn('post-confirmation') });
      const r = await signUp(clientId, 'alice', { ValidationData: attrs({ invite: 'wanted' }), ClientMetadata: { journal } });
      assert.equal(r.UserConfirmed, true);
      assert.equal(r.CodeDeliveryDetails, undefined);
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(u.UserStatus, 'CONFIRMED');
      const a = attrMap(u.UserAttributes);
      assert.equal(a.email_verified, 'true');
      assert.equal(a.phone_number_verified, 'true');
      assert.equal((await outbox(s.url, poolId, 'alice')).length, 0, 'no confirmation code is sent to an auto-confirmed user');
      const lines = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const entry = lines.find((l) => l.userName === 'alice' && l.clientId === clientId);
      assert.ok(entry, 'PostConfirmation saw the confirmed user');
      assert.equal(entry.source, 'PostConfirmation_ConfirmSignUp');
      assert.equal(entry.attrs['cognito:user_status'], 'CONFIRMED');
      assert.equal(entry.attrs.sub, r.UserSub);
      const signIn = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
      assert.ok(signIn.AuthenticationResult?.IdToken);
    });

    it('PreSignUp that leaves the response alone keeps the normal confirmation path', async () => {
      const { poolId, clientId } = await poolWith({ PreSignUp: arn('pre-sign-up') });
      const r = await signUp(clientId, 'bob');
      assert.equal(r.UserConfirmed, false);
      assert.equal(r.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }));
      assert.equal(u.UserStatus, 'UNCONFIRMED');
      assert.equal(attrMap(u.UserAttributes).email_verified, undefined);
    });

    it('a callback-style handler (event, context, callback) works unchanged', async () => {
      const { poolId, clientId } = await poolWith({ PreSignUp: 'callback-style' });
      const r = await signUp(clientId, 'carol', { ValidationData: attrs({ invite: 'wanted' }) });
      assert.equal(r.UserConfirmed, true);
      assert.equal((await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }))).UserStatus, 'CONFIRMED');
    });

    it('a handler that throws refuses the sign-up with UserLambdaValidationException and writes no user', async () => {
      const { poolId, clientId } = await poolWith({ PreSignUp: arn('pre-sign-up') });
      const e = await failure(s.publicIdp.send(new SignUpCommand({
        ClientId: clientId, Username: 'mallory', Password: PASSWORD, UserAttributes: attrs({ email: 'mallory@blocked.example' }),
      })));
      assert.equal(e.name, 'UserLambdaValidationException');
      assert.equal(e.message, 'PreSignUp failed with error Domain not allowed.');
      const gone = await failure(s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mallory' })));
      assert.equal(gone.name, 'UserNotFoundException');
      const e2 = await failure(signUp((await poolWith({ PreSignUp: 'throws' })).clientId, 'dave'));
      assert.equal(e2.message, 'PreSignUp failed with error Domain not allowed.');
    });

    it('AdminCreateUser runs PreSignUp_AdminCreateUser and ignores its auto-confirm flags', async () => {
      const { poolId } = await poolWith({ PreSignUp: arn('pre-sign-up') });
      await s.idp.send(new AdminCreateUserCommand({
        UserPoolId: poolId, Username: 'erin', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'erin@example.com' }), ValidationData: attrs({ invite: 'wanted' }),
      }));
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }));
      assert.equal(u.UserStatus, 'FORCE_CHANGE_PASSWORD');
      const e = await failure(s.idp.send(new AdminCreateUserCommand({
        UserPoolId: poolId, Username: 'frank', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'frank@blocked.example' }),
      })));
      assert.equal(e.message, 'PreSignUp failed with error Domain not allowed.');
    });

    it('a hanging handler times out (UnexpectedLambdaException) and the server still answers', async () => {
      const hung = await poolWith({ PreSignUp: 'hangs' });
      const ok = await poolWith({ PreSignUp: arn('pre-sign-up') });
      // More hung calls than workers: each one's worker is replaced.
      const errs = await Promise.all([1, 2, 3].map((i) => failure(signUp(hung.clientId, `hung${i}`))));
      for (const e of errs) {
        assert.equal(e.name, 'UnexpectedLambdaException');
        assert.equal(e.message, 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.');
      }
      const gone = await failure(s.idp.send(new AdminGetUserCommand({ UserPoolId: hung.poolId, Username: 'hung1' })));
      assert.equal(gone.name, 'UserNotFoundException');
      const r = await signUp(ok.clientId, 'after-hang', { ValidationData: attrs({ invite: 'wanted' }) });
      assert.equal(r.UserConfirmed, true);
      assert.equal((await fetch(`${s.url}/health`)).status, 200);
    });

    it('a handler that exhausts its memory fails alone', async () => {
      const hog = await poolWith({ PreSignUp: 'memory-hog' });
      const e = await failure(signUp(hog.clientId, 'hog'));
      assert.equal(e.name, 'UnexpectedLambdaException');
      assert.match(e.message, /^PreSignUp invocation failed due to error /);
      const ok = await poolWith({ PreSignUp: arn('pre-sign-up') });
      assert.equal((await signUp(ok.clientId, 'after-hog', { ValidationData: attrs({ invite: 'wanted' }) })).UserConfirmed, true);
    });

    it('a handler does not see Cognate\'s settings in its environment (threat: a handler logging process.env leaks secrets)', async () => {
      const { clientId } = await poolWith({ PreSignUp: 'env-probe' });
      assert.equal((await signUp(clientId, 'probe')).UserConfirmed, false, 'the probe found no COGNATE_* variable and AWS_REGION set');
    });

    it('an answer that is not an event is InvalidLambdaResponseException', async () => {
      const { clientId } = await poolWith({ PreSignUp: 'bad-output' });
      const e = await failure(signUp(clientId, 'gina'));
      assert.equal(e.name, 'InvalidLambdaResponseException');
      assert.equal(e.message, 'Unrecognizable lambda output');
    });

    it('an ARN with no mapping goes to the Invoke API; an unreachable endpoint is UnexpectedLambdaException', async () => {
      const { clientId } = await poolWith({ PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:not-mapped' });
      // The server under test has no lambda.endpoint; point it at a closed local port to stay on loopback.
      s.svc.config.lambda.endpoint = 'http://127.0.0.1:9';
      try {
        const e = await failure(signUp(clientId, 'hank'));
        assert.equal(e.name, 'UnexpectedLambdaException');
        assert.match(e.message, /^PreSignUp invocation failed due to error /);
      } finally {
        delete s.svc.config.lambda.endpoint;
      }
    });
  });
}
