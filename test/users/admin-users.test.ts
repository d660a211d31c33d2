/**
 * Administrator user operations over the socket: AdminCreateUser (generated temporary password, invitation,
 * RESEND/SUPPRESS, aliases), AdminGetUser, AdminConfirmSignUp, enable/disable, delete, set/reset password,
 * ForgotPassword/ConfirmForgotPassword, attribute updates and deletes, and what a stored row holds.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminDeleteUserCommand, AdminDisableUserCommand,
  AdminEnableUserCommand, AdminGetUserCommand, AdminResetUserPasswordCommand, AdminSetUserPasswordCommand, AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand, ForgotPasswordCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, advance, attrMap, attrs, createClient, createPool, failure, lastCode, outbox } from './fixtures.js';
import { passwordPolicy, checkPasswordPolicy } from '../../src/users/passwords.js';
import { getPool } from '../../src/user-pools/pools.js';
import { openSrp } from '../../src/auth/srp-verifier.js';
import { computeVerifier } from '../../src/auth/srp.js';

for (const d of DIALECTS) {
  describe(`admin users (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    let hidden: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, {
        AliasAttributes: ['email', 'preferred_username'],
        AutoVerifiedAttributes: ['email'],
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true, RequireSymbols: true, RequireUppercase: true, RequireLowercase: true, TemporaryPasswordValidityDays: 3 } },
        AdminCreateUserConfig: { InviteMessageTemplate: { EmailSubject: 'Welcome', EmailMessage: 'Hi {username}, your password is {####}' } },
      });
      clientId = (await createClient(s, poolId, { PreventUserExistenceErrors: 'LEGACY' })).id;
      hidden = (await createClient(s, poolId, { PreventUserExistenceErrors: 'ENABLED' })).id;
    });
    after(() => s.stop());

    it('creates FORCE_CHANGE_PASSWORD users with a policy-conforming generated password and an invitation', async () => {
      const r = await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ivy', UserAttributes: attrs({ email: 'ivy@example.com', email_verified: 'true' }), DesiredDeliveryMediums: ['EMAIL'] }));
      assert.equal(r.User?.Username, 'ivy');
      assert.equal(r.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.equal(r.User?.Enabled, true);
      assert.ok(r.User?.UserCreateDate instanceof Date);
      assert.match(attrMap(r.User?.Attributes).sub, /^[0-9a-f-]{36}$/);
      const [m] = await outbox(s.url, poolId, 'ivy');
      assert.equal(m.subject, 'Welcome');
      assert.equal(m.body, `Hi ivy, your password is ${m.code}`);
      const pool = await getPool(s.svc, poolId);
      assert.equal(passwordPolicy(pool).MinimumLength, 10);
      checkPasswordPolicy(pool, m.code!);
      const dup = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ivy' })));
      assert.deepEqual([dup.name, dup.message], ['UsernameExistsException', 'User already exists']);
      const weak = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ivy2', TemporaryPassword: 'short' })));
      assert.equal(weak.name, 'InvalidPasswordException');
      const emailName = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'x@example.com' })));
      assert.deepEqual([emailName.name, emailName.message], ['InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.']);
      // the verified e-mail is an alias
      const byAlias = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ivy@example.com' }));
      assert.equal(byAlias.Username, 'ivy');
    });

    it('RESEND sends a new temporary password; SUPPRESS sends nothing', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'jack', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'jack@example.com' }) }));
      assert.equal((await outbox(s.url, poolId, 'jack')).length, 0);
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'jack', MessageAction: 'RESEND', TemporaryPassword: 'Temp-Pass-123', DesiredDeliveryMediums: ['EMAIL'] }));
      const [m] = await outbox(s.url, poolId, 'jack');
      assert.equal(m.code, 'Temp-Pass-123');
      const missing = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'nobody', MessageAction: 'RESEND' })));
      assert.deepEqual([missing.name, missing.message], ['UserNotFoundException', 'User does not exist.']);
    });

    it('AliasExistsException for a taken verified e-mail unless ForceAliasCreation moves it', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kim', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'shared@example.com', email_verified: 'true' }) }));
      const taken = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kim2', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'shared@example.com', email_verified: 'true' }) })));
      assert.deepEqual([taken.name, taken.message], ['AliasExistsException', 'An account with the given email already exists.']);
      const none = await failure(admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'kim2' })));
      assert.equal(none.name, 'UserNotFoundException', 'no half-created user');
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kim2', MessageAction: 'SUPPRESS', ForceAliasCreation: true, UserAttributes: attrs({ email: 'shared@example.com', email_verified: 'true' }) }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'shared@example.com' }))).Username, 'kim2');
      const old = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'kim' }));
      assert.equal(attrMap(old.UserAttributes).email_verified, 'false');
      // an unverified duplicate is allowed, and confirming it hits the alias
      await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'kim3', Password: PASSWORD, UserAttributes: attrs({ email: 'shared@example.com' }) }));
      const code = await lastCode(s.url, poolId, 'kim3');
      const { ConfirmSignUpCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      const conflict = await failure(s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kim3', ConfirmationCode: code })));
      assert.equal(conflict.name, 'AliasExistsException');
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kim3', ConfirmationCode: code, ForceAliasCreation: true }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'shared@example.com' }))).Username, 'kim3');
      // preferred_username is an alias too
      await admin(s).send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'kim', UserAttributes: attrs({ preferred_username: 'kimmy' }) }));
      const pu = await failure(admin(s).send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'kim2', UserAttributes: attrs({ preferred_username: 'kimmy' }) })));
      assert.equal(pu.name, 'AliasExistsException');
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'kimmy' }))).Username, 'kim');
    });

    it('confirms, disables, enables, deletes', async () => {
      await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'leo', Password: PASSWORD, UserAttributes: attrs({ email: 'leo@example.com' }) }));
      await admin(s).send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'leo' }));
      const twice = await failure(admin(s).send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'leo' })));
      assert.deepEqual([twice.name, twice.message], ['NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED']);
      await admin(s).send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'leo' }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'leo' }))).Enabled, false);
      await admin(s).send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'leo' }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'leo' }))).Enabled, true);
      await admin(s).send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'leo' }));
      for (const op of [
        new AdminGetUserCommand({ UserPoolId: poolId, Username: 'leo' }),
        new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'leo' }),
        new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'leo' }),
      ]) {
        const e = await failure(admin(s).send(op as never));
        assert.deepEqual([e.name, e.message], ['UserNotFoundException', 'User does not exist.']);
      }
      const pool = await failure(admin(s).send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_nothere1', Username: 'leo' })));
      assert.equal(pool.name, 'ResourceNotFoundException');
    });

    it('sets permanent and temporary passwords; stores argon2id and a sealed SRP verifier, never the password', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'mia', MessageAction: 'SUPPRESS' }));
      const weak = await failure(admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'mia', Password: 'nope', Permanent: true })));
      assert.deepEqual([weak.name, weak.message], ['InvalidPasswordException', 'Password did not conform with policy: Password not long enough']);
      const pw = 'Secret-Pass-42';
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'mia', Password: pw, Permanent: true }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mia' }))).UserStatus, 'CONFIRMED');
      const row = await s.svc.db.selectFrom('users').selectAll().where('pool_id', '=', poolId).where('username_key', '=', 'mia').executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes(pw), 'no plaintext password anywhere in the row');
      assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.match(row.srp_enc!, /^v1\./, 'the SRP verifier is sealed');
      const v = openSrp(s.svc, poolId, 'mia', row.srp_enc!)!;
      assert.ok(!row.srp_enc!.includes(v.verifier) && !row.srp_enc!.includes(v.salt), 'the hex verifier is not visible');
      assert.equal(computeVerifier(poolId.split('_')[1], 'mia', pw, v.salt).verifier, v.verifier);
      assert.equal(openSrp(s.svc, poolId, 'other', row.srp_enc!), undefined, 'bound to its row');
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'mia', Password: pw, Permanent: false }));
      const u = await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mia' }));
      assert.equal(u.UserStatus, 'FORCE_CHANGE_PASSWORD');
      const row2 = await s.svc.db.selectFrom('users').select(['temp_password_expires_at', 'password_updated_at']).where('pool_id', '=', poolId).where('username_key', '=', 'mia').executeTakeFirstOrThrow();
      assert.equal(Number(row2.temp_password_expires_at) - Number(row2.password_updated_at), 3 * 86_400_000);
    });

    it('AdminResetUserPassword → RESET_REQUIRED + code; ConfirmForgotPassword → CONFIRMED', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ned', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'ned@example.com' }) }));
      const unverified = await failure(admin(s).send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'ned' })));
      assert.deepEqual([unverified.name, unverified.message], ['InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number']);
      await admin(s).send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'ned', UserAttributes: attrs({ email_verified: 'true' }) }));
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ned', Password: 'First-Pass-11', Permanent: true }));
      await admin(s).send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'ned' }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ned' }))).UserStatus, 'RESET_REQUIRED');
      const code = await lastCode(s.url, poolId, 'ned');
      const weak = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ned', ConfirmationCode: code, Password: 'weak' })));
      assert.equal(weak.name, 'InvalidPasswordException');
      const wrong = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ned', ConfirmationCode: code === '999999' ? '000000' : '999999', Password: 'Second-Pass-22' })));
      assert.equal(wrong.name, 'CodeMismatchException');
      await s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ned@example.com', ConfirmationCode: code, Password: 'Second-Pass-22' }));
      assert.equal((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ned' }))).UserStatus, 'CONFIRMED');
      const reused = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ned', ConfirmationCode: code, Password: 'Third-Pass-33' })));
      assert.deepEqual([reused.name, reused.message], ['ExpiredCodeException', 'Invalid code provided, please request a code again.']);
    });

    it('ForgotPassword: code by the verified e-mail, 1 h expiry, unknown users per PreventUserExistenceErrors', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'olga', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Pass-123', UserAttributes: attrs({ email: 'olga@example.com', email_verified: 'true' }) }));
      const forced = await failure(s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'olga' })));
      assert.deepEqual([forced.name, forced.message], ['NotAuthorizedException', 'User password cannot be reset in the current state.']);
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'olga', Password: 'Olga-Pass-123', Permanent: true }));
      const r = await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'olga' }));
      assert.deepEqual(r.CodeDeliveryDetails, { Destination: 'o***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      const code = await lastCode(s.url, poolId, 'olga');
      advance(s, 3600_000 + 1000);
      const expired = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'olga', ConfirmationCode: code, Password: 'Olga-Pass-456' })));
      assert.equal(expired.name, 'ExpiredCodeException');
      const nf = await failure(s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'ghost' })));
      assert.deepEqual([nf.name, nf.message], ['UserNotFoundException', 'Username/client id combination not found.']);
      const nf2 = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456', Password: 'Olga-Pass-456' })));
      assert.equal(nf2.name, 'UserNotFoundException');
      const fake = await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: hidden, Username: 'ghost' }));
      assert.equal(fake.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      const cm = await failure(s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: hidden, Username: 'ghost', ConfirmationCode: '123456', Password: 'Olga-Pass-456' })));
      assert.equal(cm.name, 'CodeMismatchException');
    });

    it('updates and deletes attributes as an administrator', async () => {
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'pam', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'pam@example.com', email_verified: 'true', given_name: 'Pam' }) }));
      await admin(s).send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'pam', UserAttributes: attrs({ email: 'pam2@example.com', family_name: 'Beesly' }) }));
      let u = attrMap((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'pam' }))).UserAttributes);
      assert.equal(u.email, 'pam2@example.com');
      assert.equal(u.email_verified, 'false', 'a changed e-mail is unverified');
      assert.equal(u.family_name, 'Beesly');
      const [m] = await outbox(s.url, poolId, 'pam');
      assert.equal(m.destination, 'pam2@example.com', 'auto-verified e-mail gets a code');
      assert.equal((await failure(admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'pam@example.com' })))).name, 'UserNotFoundException', 'old alias released');
      const sub = await failure(admin(s).send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'pam', UserAttributes: attrs({ sub: 'x' }) })));
      assert.equal(sub.name, 'InvalidParameterException');
      await admin(s).send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'pam', UserAttributeNames: ['given_name', 'email'] }));
      u = attrMap((await admin(s).send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'pam' }))).UserAttributes);
      assert.equal(u.given_name, undefined);
      assert.equal(u.email, undefined);
      assert.equal(u.email_verified, undefined);
      const unknown = await failure(admin(s).send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'pam', UserAttributeNames: ['custom:none'] })));
      assert.equal(unknown.name, 'InvalidParameterException');
    });
  });
}
