/**
 * The users area's pure rules, without a server: password policy (Cognito's messages and symbol set),
 * generated temporary passwords always satisfying the policy (property), masked destinations, message
 * templates, attribute schema checks and the secret hash.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { checkPasswordPolicy, generateTemporaryPassword } from '../../src/users/passwords.js';
import { maskDestination, verificationMessage, invitationMessage } from '../../src/messages/templates.js';
import { checkAttributes, checkRequired } from '../../src/users/attributes.js';
import { checkSecretHash } from '../../src/users/secret-hash.js';
import type { PoolClient, UserPool } from '../../src/user-pools/types.js';

const pool = (config: Record<string, unknown> = {}): UserPool => ({ id: 'us-east-1_Test1', srpName: 'Test1', region: 'us-east-1', config: { Id: 'us-east-1_Test1', Name: 't', Arn: 'arn', ...config } });
const type = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return `${e.type}: ${e.message}`;
  }
  return 'ok';
};

describe('password policy', () => {
  it('applies Cognito defaults and wording', () => {
    const p = pool();
    assert.equal(type(() => checkPasswordPolicy(p, 'Aa1!aaaa')), 'ok');
    assert.equal(type(() => checkPasswordPolicy(p, 'Aa1!aaa')), 'InvalidPasswordException: Password did not conform with policy: Password not long enough');
    assert.equal(type(() => checkPasswordPolicy(p, 'Aa1 aaaa')), 'ok', 'an inner space is a symbol');
    assert.equal(type(() => checkPasswordPolicy(p, 'Aa1aaaa ')), 'InvalidParameterException: 1 validation error detected: Value at \'password\' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$');
    assert.equal(type(() => checkPasswordPolicy(p, 'Ää1!ääää')), 'InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters', 'letters are basic Latin only');
    const lax = pool({ Policies: { PasswordPolicy: { MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false } } });
    assert.equal(type(() => checkPasswordPolicy(lax, 'aaaaaa')), 'ok');
  });

  it('generated temporary passwords satisfy every policy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 99 }), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols) => {
        const p = pool({ Policies: { PasswordPolicy: { MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols } } });
        checkPasswordPolicy(p, generateTemporaryPassword(p));
      }),
      { numRuns: 200 },
    );
  });
});

describe('messages', () => {
  it('masks destinations like Cognito', () => {
    assert.equal(maskDestination('EMAIL', 'user@example.com'), 'u***@e***');
    assert.equal(maskDestination('SMS', '+15555551234'), '+*******1234');
  });

  it('renders pool templates and defaults', () => {
    assert.deepEqual(verificationMessage(pool(), 'EMAIL', { code: '123456', username: 'u' }), { subject: 'Your verification code', body: 'Your verification code is 123456. ' });
    const custom = pool({ VerificationMessageTemplate: { EmailSubject: 'S', EmailMessage: 'Code {####}', SmsMessage: 'SMS {####}' } });
    assert.deepEqual(verificationMessage(custom, 'EMAIL', { code: '1', username: 'u' }), { subject: 'S', body: 'Code 1' });
    assert.deepEqual(verificationMessage(custom, 'SMS', { code: '2', username: 'u' }), { body: 'SMS 2' });
    const legacy = pool({ EmailVerificationMessage: 'Legacy {####}', EmailVerificationSubject: 'L' });
    assert.deepEqual(verificationMessage(legacy, 'EMAIL', { code: '3', username: 'u' }), { subject: 'L', body: 'Legacy 3' });
    const link = pool({ VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK', EmailMessageByLink: 'Click {##here##}' } });
    assert.deepEqual(verificationMessage(link, 'EMAIL', { code: '4', username: 'u', link: 'https://x/confirmUser?c=4' }), { subject: 'Your verification link', body: 'Click <a href="https://x/confirmUser?c=4">here</a>' });
    assert.deepEqual(invitationMessage(pool(), 'EMAIL', { password: 'P', username: 'bob' }), { subject: 'Your temporary password', body: 'Your username is bob and temporary password is P. ' });
  });
});

describe('attribute schema', () => {
  const p = pool({
    SchemaAttributes: [
      { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'custom:code', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MinLength: '2', MaxLength: '4' } },
      { Name: 'dev:custom:secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true, Mutable: true },
    ],
  });
  it('checks names, types, constraints, mutability and requirement', () => {
    assert.equal(type(() => checkAttributes(p, [{ Name: 'custom:code', Value: 'abc' }], { creating: true, admin: false })), 'ok');
    assert.match(type(() => checkAttributes(p, [{ Name: 'custom:code', Value: 'a' }], { creating: true, admin: false })), /String must be no shorter than 2 characters/);
    assert.equal(type(() => checkAttributes(p, [{ Name: 'custom:code', Value: 'abc' }], { creating: false, admin: true })), 'InvalidParameterException: Cannot modify the non-mutable attribute custom:code');
    assert.equal(type(() => checkAttributes(p, [{ Name: 'dev:custom:secret', Value: 'x' }], { creating: true, admin: false })), 'NotAuthorizedException: A client attempted to write unauthorized attribute');
    assert.equal(type(() => checkAttributes(p, [{ Name: 'dev:custom:secret', Value: 'x' }], { creating: true, admin: true })), 'ok');
    assert.equal(type(() => checkAttributes(p, [{ Name: 'email_verified', Value: 'yes' }], { creating: true, admin: true })), 'InvalidParameterException: Attributes did not conform to the schema: email_verified: Value must be either true or false');
    assert.equal(type(() => checkAttributes(p, [{ Name: 'phone_number', Value: '555-1234' }], { creating: true, admin: true })), 'InvalidParameterException: Invalid phone number format.');
    assert.equal(type(() => checkRequired(p, {})), 'InvalidParameterException: Attributes did not conform to the schema: email: The attribute is required');
  });
});

describe('secret hash', () => {
  const client: PoolClient = { id: 'client1', poolId: 'us-east-1_Test1', secret: 's3cret', config: { ClientId: 'client1', UserPoolId: 'us-east-1_Test1', ClientName: 'c' } };
  it('accepts only Base64(HMAC-SHA256(secret, username + clientId))', () => {
    const good = createHmac('sha256', 's3cret').update('aliceclient1').digest('base64');
    assert.equal(type(() => checkSecretHash(client, 'alice', good)), 'ok');
    assert.equal(type(() => checkSecretHash(client, 'bob', good)), 'NotAuthorizedException: Unable to verify secret hash for client client1');
    assert.equal(type(() => checkSecretHash(client, 'alice', undefined)), 'NotAuthorizedException: Client client1 is configured for secret but secret was not received');
    assert.equal(type(() => checkSecretHash({ ...client, secret: undefined }, 'alice', undefined)), 'ok');
  });
});
