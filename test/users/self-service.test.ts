/**
 * The access-token operations a signed-in user calls on itself: GetUser (ReadAttributes), UpdateUserAttributes
 * (WriteAttributes, verification codes, verify-before-update), GetUserAttributeVerificationCode,
 * VerifyUserAttribute, DeleteUserAttributes, ChangePassword (and the SRP verifier following it), DeleteUser,
 * and tokens dying at once on AdminDisableUser / AdminDeleteUser.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminGetUserCommand, AdminResetUserPasswordCommand, AdminSetUserPasswordCommand,
  ChangePasswordCommand, DeleteUserAttributesCommand, DeleteUserCommand, GetUserAttributeVerificationCodeCommand, GetUserCommand,
  InitiateAuthCommand, UpdateUserAttributesCommand, VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, attrMap, attrs, createClient, createPool, failure, lastCode, outbox } from './fixtures.js';
import { srpStart } from '../auth/fixtures.js';

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as ('ALLOW_USER_PASSWORD_AUTH')[];

for (const d of DIALECTS) {
  describe(`self-service (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    let narrow: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, {
        AliasAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
      });
      clientId = (await createClient(s, poolId, { ExplicitAuthFlows: FLOWS })).id;
      narrow = (await createClient(s, poolId, { ExplicitAuthFlows: FLOWS, ReadAttributes: ['email', 'given_name'], WriteAttributes: ['given_name'] })).id;
    });
    after(() => s.stop());

    async function user(name: string, a: Record<string, string> = {}, password = PASSWORD) {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: `${name}@example.com`, email_verified: 'true', ...a }) }));
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: name, Password: password, Permanent: true }));
    }
    async function signIn(name: string, password = PASSWORD, client = clientId): Promise<string> {
      const r = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME: name, PASSWORD: password } }));
      return r.AuthenticationResult!.AccessToken!;
    }

    it('GetUser returns the attributes the client may read', async () => {
      await user('tom', { given_name: 'Tom', 'custom:team': 'red' });
      const full = await s.publicIdp.send(new GetUserCommand({ AccessToken: await signIn('tom') }));
      assert.equal(full.Username, 'tom');
      const a = attrMap(full.UserAttributes);
      assert.equal(a.given_name, 'Tom');
      assert.equal(a['custom:team'], 'red');
      assert.match(a.sub, /^[0-9a-f-]{36}$/);
      const narrowed = await s.publicIdp.send(new GetUserCommand({ AccessToken: await signIn('tom', PASSWORD, narrow) }));
      assert.deepEqual(Object.keys(attrMap(narrowed.UserAttributes)).sort(), ['email', 'given_name', 'sub']);
      const bad = await failure(s.publicIdp.send(new GetUserCommand({ AccessToken: 'not-a-token' })));
      assert.equal(bad.name, 'NotAuthorizedException');
    });

    it('UpdateUserAttributes: write permissions, codes for a changed e-mail, VerifyUserAttribute', async () => {
      await user('uma');
      const token = await signIn('uma');
      const denied = await failure(s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: await signIn('uma', PASSWORD, narrow), UserAttributes: attrs({ email: 'x@example.com' }) })));
      assert.deepEqual([denied.name, denied.message], ['NotAuthorizedException', 'A client attempted to write unauthorized attribute']);
      const flag = await failure(s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: attrs({ email_verified: 'true' }) })));
      assert.equal(flag.name, 'NotAuthorizedException');
      const r = await s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: attrs({ email: 'uma.new@example.com', given_name: 'Uma' }) }));
      assert.deepEqual(r.CodeDeliveryDetailsList, [{ Destination: 'u***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
      let a = attrMap((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
      assert.equal(a.email, 'uma.new@example.com');
      assert.equal(a.email_verified, 'false');
      const code = await lastCode(s.url, poolId, 'uma');
      const wrong = await failure(s.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code === '000000' ? '111111' : '000000' })));
      assert.deepEqual([wrong.name, wrong.message], ['CodeMismatchException', 'Invalid verification code provided, please try again.']);
      await s.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }));
      a = attrMap((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
      assert.equal(a.email_verified, 'true');
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'uma.new@example.com' }))).Username, 'uma', 'the verified e-mail is an alias');
      const used = await failure(s.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code })));
      assert.equal(used.name, 'ExpiredCodeException');
      const unknown = await failure(s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: attrs({ 'custom:nope': '1' }) })));
      assert.equal(unknown.name, 'InvalidParameterException');
    });

    it('GetUserAttributeVerificationCode sends codes and is limited per hour', async () => {
      await user('vic');
      const token = await signIn('vic');
      const r = await s.publicIdp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }));
      assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'v***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      assert.equal((await outbox(s.url, poolId, 'vic'))[0].destination, 'vic@example.com');
      for (let i = 0; i < 4; i++) await s.publicIdp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }));
      const limited = await failure(s.publicIdp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' })));
      assert.deepEqual([limited.name, limited.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
      const phone = await failure(s.publicIdp.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' })));
      assert.equal(phone.name, 'InvalidParameterException');
    });

    it('keeps the old e-mail until the new one is verified when the pool requires it', async () => {
      const p = await createPool(s, { AutoVerifiedAttributes: ['email'], UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
      const c = (await createClient(s, p, { ExplicitAuthFlows: FLOWS })).id;
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: p, Username: 'wes', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'wes@example.com', email_verified: 'true' }) }));
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: p, Username: 'wes', Password: PASSWORD, Permanent: true }));
      const token = (await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c, AuthParameters: { USERNAME: 'wes', PASSWORD } }))).AuthenticationResult!.AccessToken!;
      await s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: attrs({ email: 'wes2@example.com' }) }));
      let a = attrMap((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
      assert.deepEqual([a.email, a.email_verified], ['wes@example.com', 'true'], 'old value still in force');
      const [m] = await outbox(s.url, p, 'wes');
      assert.equal(m.destination, 'wes2@example.com');
      await s.publicIdp.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: m.code! }));
      a = attrMap((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
      assert.deepEqual([a.email, a.email_verified], ['wes2@example.com', 'true']);
    });

    it('DeleteUserAttributes removes what the client may write', async () => {
      await user('xena', { given_name: 'Xena', 'custom:team': 'blue' });
      const token = await signIn('xena');
      await s.publicIdp.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['custom:team', 'given_name'] }));
      const a = attrMap((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).UserAttributes);
      assert.equal(a['custom:team'], undefined);
      assert.equal(a.given_name, undefined);
      const denied = await failure(s.publicIdp.send(new DeleteUserAttributesCommand({ AccessToken: await signIn('xena', PASSWORD, narrow), UserAttributeNames: ['email'] })));
      assert.equal(denied.name, 'NotAuthorizedException');
    });

    it('ChangePassword checks the previous password and updates the SRP verifier too', async () => {
      await user('yara');
      const token = await signIn('yara');
      const wrong = await failure(s.publicIdp.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'Wrong-Pass-1', ProposedPassword: 'Newer-Pass-2' })));
      assert.deepEqual([wrong.name, wrong.message], ['NotAuthorizedException', 'Incorrect username or password.']);
      const weak = await failure(s.publicIdp.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'weak' })));
      assert.equal(weak.name, 'InvalidPasswordException');
      await s.publicIdp.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'Newer-Pass-2' }));
      const old = await failure(signIn('yara'));
      assert.equal(old.name, 'NotAuthorizedException');
      await signIn('yara', 'Newer-Pass-2');
      const srp = await srpStart(s.publicIdp, clientId, 'yara');
      const done = await srp.answer(poolId, 'Newer-Pass-2');
      assert.ok(done.AuthenticationResult?.AccessToken, 'SRP sign-in works with the new password');
    });

    it('GetUser answers PasswordResetRequiredException after an administrator reset', async () => {
      await user('rita');
      const token = await signIn('rita');
      await admin(s).send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'rita' }));
      const e = await failure(s.publicIdp.send(new GetUserCommand({ AccessToken: token })));
      assert.deepEqual([e.name, e.message], ['PasswordResetRequiredException', 'Password reset required for the user']);
    });

    it('DeleteUser, AdminDisableUser and AdminDeleteUser stop tokens at once', async () => {
      await user('zed');
      const t1 = await signIn('zed');
      await s.publicIdp.send(new DeleteUserCommand({ AccessToken: t1 }));
      assert.equal((await failure(s.publicIdp.send(new GetUserCommand({ AccessToken: t1 })))).name, 'NotAuthorizedException');
      assert.equal((await failure(admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'zed' })))).name, 'UserNotFoundException');

      await user('zoe');
      const t2 = await signIn('zoe');
      await admin(s).send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'zoe' }));
      assert.equal((await failure(s.publicIdp.send(new GetUserCommand({ AccessToken: t2 })))).name, 'NotAuthorizedException');
      const refused = await failure(signIn('zoe'));
      assert.deepEqual([refused.name, refused.message], ['NotAuthorizedException', 'User is disabled.']);

      await user('zack');
      const t3 = await signIn('zack');
      await admin(s).send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'zack' }));
      assert.equal((await failure(s.publicIdp.send(new GetUserCommand({ AccessToken: t3 })))).name, 'NotAuthorizedException');
    });
  });
}
