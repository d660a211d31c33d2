/**
 * SignUp, ConfirmSignUp and ResendConfirmationCode over the socket with the AWS SDK: codes read from the
 * development outbox, Cognito's error types and messages, secret hashes, existence hiding, limits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminGetUserCommand, ConfirmSignUpCommand, ResendConfirmationCodeCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, advance, attrMap, attrs, createClient, createPool, failure, lastCode, outbox, secretHash } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`sign-up (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    let hidden: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], Schema: [{ Name: 'tier', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '1', MaxValue: '5' } }] });
      clientId = (await createClient(s, poolId, { PreventUserExistenceErrors: 'LEGACY' })).id;
      hidden = (await createClient(s, poolId, { PreventUserExistenceErrors: 'ENABLED' })).id;
    });
    after(() => s.stop());

    const signUp = (Username: string, a: Record<string, string> = { email: `${Username}@example.com` }, Password = PASSWORD, ClientId = clientId) =>
      s.publicIdp.send(new SignUpCommand({ ClientId, Username, Password, UserAttributes: attrs(a) }));

    it('signs up UNCONFIRMED, mails a masked code, and confirms with it', async () => {
      const r = await signUp('alice');
      assert.equal(r.UserConfirmed, false);
      assert.match(r.UserSub!, /^[0-9a-f-]{36}$/);
      assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      const [m] = await outbox(s.url, poolId, 'alice');
      assert.equal(m.destination, 'alice@example.com');
      assert.match(m.code!, /^\d{6}$/);
      assert.ok(m.body.includes(m.code!), 'the body carries the code');
      const before = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(before.UserStatus, 'UNCONFIRMED');
      assert.equal(attrMap(before.UserAttributes).sub, r.UserSub);
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: m.code! }));
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(u.UserStatus, 'CONFIRMED');
      assert.equal(attrMap(u.UserAttributes).email_verified, 'true');
      const again = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: m.code! })));
      assert.deepEqual([again.name, again.message], ['NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED']);
    });

    it('refuses a taken username, bad passwords, unknown and invalid attributes', async () => {
      await signUp('bob');
      const dup = await failure(signUp('bob'));
      assert.deepEqual([dup.name, dup.message], ['UsernameExistsException', 'User already exists']);
      const cases: [string, string][] = [
        ['Sh0rt!', 'Password did not conform with policy: Password not long enough'],
        ['NoDigits-here', 'Password did not conform with policy: Password must have numeric characters'],
        ['NOLOWER-123', 'Password did not conform with policy: Password must have lowercase characters'],
        ['noupper-123', 'Password did not conform with policy: Password must have uppercase characters'],
        ['NoSymbols123', 'Password did not conform with policy: Password must have symbol characters'],
      ];
      for (const [pw, msg] of cases) {
        const e = await failure(signUp('carol', undefined, pw));
        assert.deepEqual([e.name, e.message], ['InvalidPasswordException', msg]);
      }
      const unknown = await failure(signUp('carol', { email: 'c@example.com', 'custom:nope': 'x' }));
      assert.deepEqual([unknown.name, unknown.message], ['InvalidParameterException', 'Attributes did not conform to the schema: Type for attribute {custom:nope} could not be determined']);
      const range = await failure(signUp('carol', { email: 'c@example.com', 'custom:tier': '9' }));
      assert.equal(range.name, 'InvalidParameterException');
      assert.match(range.message, /custom:tier: Number must be less than or equal to 5/);
      const badEmail = await failure(signUp('carol', { email: 'not-an-email' }));
      assert.deepEqual([badEmail.name, badEmail.message], ['InvalidParameterException', 'Invalid email address format.']);
      const verified = await failure(signUp('carol', { email: 'c@example.com', email_verified: 'true' }));
      assert.deepEqual([verified.name, verified.message], ['NotAuthorizedException', 'A client attempted to write unauthorized attribute']);
      const ok = await signUp('carol', { email: 'c@example.com', 'custom:tier': '3' });
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }));
      assert.equal(attrMap(u.UserAttributes)['custom:tier'], '3');
      assert.equal(attrMap(u.UserAttributes).sub, ok.UserSub);
    });

    it('wrong codes: mismatch, dead after five tries, expiry after 24 h, and a fresh code after resend', async () => {
      await signUp('dave');
      const code = await lastCode(s.url, poolId, 'dave');
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const e = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dave', ConfirmationCode: wrong })));
        assert.deepEqual([e.name, e.message], ['CodeMismatchException', 'Invalid verification code provided, please try again.']);
      }
      const dead = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dave', ConfirmationCode: code })));
      assert.deepEqual([dead.name, dead.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
      const r = await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dave' }));
      assert.equal(r.CodeDeliveryDetails?.Destination, 'd***@e***');
      const fresh = await lastCode(s.url, poolId, 'dave');
      advance(s, 24 * 3600_000 + 1000);
      const expired = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dave', ConfirmationCode: fresh })));
      assert.deepEqual([expired.name, expired.message], ['ExpiredCodeException', 'Invalid code provided, please request a code again.']);
      await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dave' }));
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'dave', ConfirmationCode: await lastCode(s.url, poolId, 'dave') }));
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave' }));
      assert.equal(u.UserStatus, 'CONFIRMED');
      const confirmed = await failure(s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'dave' })));
      assert.deepEqual([confirmed.name, confirmed.message], ['InvalidParameterException', 'User is already confirmed.']);
    });

    it('limits resends per user per hour', async () => {
      await signUp('erin');
      for (let i = 0; i < 5; i++) await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'erin' }));
      const e = await failure(s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'erin' })));
      assert.deepEqual([e.name, e.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
      advance(s, 3600_000 + 1000);
      await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'erin' }));
    });

    it('unknown users: UserNotFoundException, or indistinguishable answers with PreventUserExistenceErrors', async () => {
      const nf = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456' })));
      assert.deepEqual([nf.name, nf.message], ['UserNotFoundException', 'Username/client id combination not found.']);
      const nf2 = await failure(s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ghost' })));
      assert.equal(nf2.name, 'UserNotFoundException');
      const cm = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: hidden, Username: 'ghost', ConfirmationCode: '123456' })));
      assert.deepEqual([cm.name, cm.message], ['CodeMismatchException', 'Invalid verification code provided, please try again.']);
      const fake = await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: hidden, Username: 'ghost' }));
      assert.equal(fake.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      assert.match(fake.CodeDeliveryDetails!.Destination!, /^[a-z]\*\*\*@[a-z]\*\*\*$/);
      const again = await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: hidden, Username: 'ghost' }));
      assert.deepEqual(again.CodeDeliveryDetails, fake.CodeDeliveryDetails, 'the fake destination is stable');
      assert.equal((await outbox(s.url, poolId, 'ghost')).length, 0);
      // the hourly limits and the attempt cap answer for unknown names exactly as for real users
      for (let i = 0; i < 3; i++) await s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: hidden, Username: 'ghost' }));
      const limited = await failure(s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: hidden, Username: 'ghost' })));
      assert.deepEqual([limited.name, limited.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
      for (let i = 0; i < 4; i++) {
        const e = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: hidden, Username: 'ghost', ConfirmationCode: '123456' })));
        assert.equal(e.name, 'CodeMismatchException');
      }
      const dead = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: hidden, Username: 'ghost', ConfirmationCode: '123456' })));
      assert.deepEqual([dead.name, dead.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
    });

    it('requires and checks SECRET_HASH for clients with a secret', async () => {
      const c = await createClient(s, poolId, { GenerateSecret: true });
      const missing = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c.id, Username: 'frank', Password: PASSWORD })));
      assert.deepEqual([missing.name, missing.message], ['NotAuthorizedException', `Client ${c.id} is configured for secret but secret was not received`]);
      const bad = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c.id, Username: 'frank', Password: PASSWORD, SecretHash: secretHash(c.secret!, 'frank2', c.id) })));
      assert.deepEqual([bad.name, bad.message], ['NotAuthorizedException', `Unable to verify secret hash for client ${c.id}`]);
      await s.publicIdp.send(new SignUpCommand({ ClientId: c.id, Username: 'frank', Password: PASSWORD, SecretHash: secretHash(c.secret!, 'frank', c.id), UserAttributes: attrs({ email: 'f@example.com' }) }));
      const code = await lastCode(s.url, poolId, 'frank');
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: c.id, Username: 'frank', ConfirmationCode: code, SecretHash: secretHash(c.secret!, 'frank', c.id) }));
    });

    it('enforces required attributes and email-as-username uniqueness', async () => {
      const p = await createPool(s, {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
      });
      const c = (await createClient(s, p)).id;
      const missing = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'gina@example.com', Password: PASSWORD })));
      assert.deepEqual([missing.name, missing.message], ['InvalidParameterException', 'Attributes did not conform to the schema: name: The attribute is required']);
      const notEmail = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'gina', Password: PASSWORD, UserAttributes: attrs({ name: 'G' }) })));
      assert.deepEqual([notEmail.name, notEmail.message], ['InvalidParameterException', 'Username should be an email.']);
      const r = await s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'gina@example.com', Password: PASSWORD, UserAttributes: attrs({ name: 'G' }) }));
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: p, Username: 'GINA@example.com' }));
      assert.equal(u.Username, r.UserSub, 'the stored username is the sub');
      assert.equal(attrMap(u.UserAttributes).email, 'gina@example.com');
      const dup = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'Gina@Example.com', Password: PASSWORD, UserAttributes: attrs({ name: 'G2' }) })));
      assert.deepEqual([dup.name, dup.message], ['UsernameExistsException', 'An account with the given email already exists.']);
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: c, Username: 'gina@example.com', ConfirmationCode: await lastCode(s.url, p, 'gina@example.com') }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: p, Username: r.UserSub! }))).UserStatus, 'CONFIRMED');
    });

    it('case-insensitive pools fold usernames', async () => {
      const p = await createPool(s, { UsernameConfiguration: { CaseSensitive: false } });
      const c = (await createClient(s, p)).id;
      await s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'Harry', Password: PASSWORD }));
      const dup = await failure(s.publicIdp.send(new SignUpCommand({ ClientId: c, Username: 'HARRY', Password: PASSWORD })));
      assert.equal(dup.name, 'UsernameExistsException');
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: p, Username: 'harry' }));
      assert.equal(u.Username, 'Harry');
      const nocode = await failure(s.publicIdp.send(new ResendConfirmationCodeCommand({ ClientId: c, Username: 'harry' })));
      assert.deepEqual([nocode.name, nocode.message], ['InvalidParameterException', 'Cannot resend codes. Auto verification not turned on.']);
    });
  });
}
