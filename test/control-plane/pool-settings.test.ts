/**
 * Pool settings beyond create/update, through the real SDK: AddCustomAttributes, the MFA configuration, tags by
 * pool ARN, and the IAM gate in front of every control-plane operation (unsigned and revoked-key calls).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  AddCustomAttributesCommand,
  SetUserPoolMfaConfigCommand,
  GetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, idpClient, DIALECTS, type TestServer } from '../helpers/server.js';
import { createAccessKey, deleteAccessKey } from '../../src/operators/access-keys.js';
import { mfaFactors } from '../../src/user-pools/mfa-config.js';
import { getPool } from '../../src/user-pools/pools.js';

async function rejects(p: Promise<unknown>, name: string, message?: RegExp | string) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

for (const dialect of DIALECTS) {
  describe(`pool settings (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.stop());

    const newPool = async (input: Record<string, unknown> = {}) => (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'settings', ...input }))).UserPool!;

    it('AddCustomAttributes appends custom: attributes and refuses duplicates, required ones and the 51st', async () => {
      const p = await newPool({ Schema: [{ Name: 'plan' }] });
      await s.idp.send(new AddCustomAttributesCommand({
        UserPoolId: p.Id,
        CustomAttributes: [{ Name: 'score', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '100' } }, { Name: 'nick', Mutable: false }],
      }));
      const d = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      const score = d.SchemaAttributes!.find((a) => a.Name === 'custom:score')!;
      assert.equal(score.AttributeDataType, 'Number');
      assert.deepEqual(score.NumberAttributeConstraints, { MinValue: '0', MaxValue: '100' });
      assert.equal(d.SchemaAttributes!.find((a) => a.Name === 'custom:nick')!.Mutable, false);
      assert.ok(d.SchemaAttributes!.some((a) => a.Name === 'custom:plan'));
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: [{ Name: 'plan' }] })), 'InvalidParameterException', /custom:plan/);
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: [{ Name: 'must', Required: true }] })), 'InvalidParameterException', 'Required custom attributes are not supported currently.');
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: [] })), 'InvalidParameterException', /customAttributes/);
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: [{ Name: 'x'.repeat(21) }] })), 'InvalidParameterException', /name/);
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: 'us-east-1_nothere00', CustomAttributes: [{ Name: 'a' }] })), 'ResourceNotFoundException');
      // 3 exist; 47 more reach the cap of 50, one more is refused.
      for (let i = 0; i < 47; i += 25) {
        const batch = Array.from({ length: Math.min(25, 47 - i) }, (_, j) => ({ Name: `k${i + j}` }));
        await s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: batch }));
      }
      await rejects(s.idp.send(new AddCustomAttributesCommand({ UserPoolId: p.Id, CustomAttributes: [{ Name: 'one_too_many' }] })), 'InvalidParameterException', /50/);
      // UpdateUserPool keeps the custom attributes (Schema is immutable).
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id }));
      const after = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      assert.equal(after.SchemaAttributes!.filter((a) => a.Name!.startsWith('custom:')).length, 50);
    });

    it('SetUserPoolMfaConfig / GetUserPoolMfaConfig store the factors and mode', async () => {
      const p = await newPool();
      const initial = await s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
      assert.equal(initial.MfaConfiguration, 'OFF');
      assert.deepEqual(initial.SoftwareTokenMfaConfiguration, { Enabled: false });
      await rejects(
        s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'ON' })),
        'InvalidParameterException',
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
      );
      await rejects(
        s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } })),
        'InvalidParameterException',
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
      // WebAuthn is not an MFA factor: it can be configured with MFA off.
      const passkeys = await s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, WebAuthnConfiguration: { RelyingPartyId: 'auth.example.com' } }));
      assert.equal(passkeys.MfaConfiguration, 'OFF');
      assert.equal(passkeys.WebAuthnConfiguration?.RelyingPartyId, 'auth.example.com');
      await rejects(
        s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } })),
        'InvalidParameterException',
      );
      const set = await s.idp.send(new SetUserPoolMfaConfigCommand({
        UserPoolId: p.Id,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: 'Your code: {####}', Subject: 'Sign-in code' },
        WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'required' },
      }));
      assert.equal(set.MfaConfiguration, 'OPTIONAL');
      assert.deepEqual(set.SoftwareTokenMfaConfiguration, { Enabled: true });
      assert.deepEqual(set.EmailMfaConfiguration, { Message: 'Your code: {####}', Subject: 'Sign-in code' });
      assert.equal(set.WebAuthnConfiguration?.RelyingPartyId, 'example.com');
      const got = await s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
      assert.deepEqual({ ...got, $metadata: undefined }, { ...set, $metadata: undefined });
      assert.equal((await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!.MfaConfiguration, 'OPTIONAL');
      assert.deepEqual(mfaFactors(await getPool(s.svc, p.Id!)), { mode: 'OPTIONAL', sms: false, softwareToken: true, email: true });
      // Factors are a full set; the mode is kept when omitted.
      const sms = await s.idp.send(new SetUserPoolMfaConfigCommand({
        UserPoolId: p.Id,
        SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns', ExternalId: 'x' } },
      }));
      assert.equal(sms.MfaConfiguration, 'OPTIONAL');
      assert.deepEqual(sms.SoftwareTokenMfaConfiguration, { Enabled: false });
      assert.equal(sms.EmailMfaConfiguration, undefined);
      assert.equal(sms.SmsMfaConfiguration?.SmsAuthenticationMessage, 'Code {####}');
      await rejects(s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'FORCE' as never })), 'InvalidParameterException', /mfaConfiguration/);
      await rejects(s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException');
      // UpdateUserPool keeps TOTP settings made here.
      await s.idp.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, MfaConfiguration: 'ON' }));
      const kept = await s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
      assert.equal(kept.MfaConfiguration, 'ON');
      assert.deepEqual(kept.SoftwareTokenMfaConfiguration, { Enabled: true });
    });

    it('CreateUserPool with MFA on needs an MFA factor', async () => {
      await rejects(newPool({ MfaConfiguration: 'ON' }), 'InvalidParameterException', 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional');
      const p = await newPool({ MfaConfiguration: 'OPTIONAL', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' } });
      const m = await s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
      assert.equal(m.MfaConfiguration, 'OPTIONAL');
      assert.equal(m.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn, 'arn:aws:iam::000000000000:role/sns');
    });

    it('tags a pool by ARN, lists and removes tags; unknown ARNs are ResourceNotFoundException', async () => {
      const p = await newPool({ UserPoolTags: { env: 'test' } });
      const arn = p.Arn!;
      await s.idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: 'id', cost: '42' } }));
      assert.deepEqual((await s.idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { env: 'test', team: 'id', cost: '42' });
      await s.idp.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env', 'absent'] }));
      assert.deepEqual((await s.idp.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { team: 'id', cost: '42' });
      assert.deepEqual((await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!.UserPoolTags, { team: 'id', cost: '42' });
      const ghost = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_nothere00';
      await rejects(s.idp.send(new ListTagsForResourceCommand({ ResourceArn: ghost })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new TagResourceCommand({ ResourceArn: ghost, Tags: { a: 'b' } })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new UntagResourceCommand({ ResourceArn: ghost, TagKeys: ['a'] })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new ListTagsForResourceCommand({ ResourceArn: arn.replace('000000000000', '111111111111') })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: { ['k'.repeat(129)]: 'v' } })), 'InvalidParameterException');
      const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'v']));
      await rejects(s.idp.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), 'InvalidParameterException', /50/);
    });

    it('an unsigned control-plane call is MissingAuthenticationTokenException', async () => {
      const r = await fetch(s.url + '/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool' },
        body: JSON.stringify({ PoolName: 'sneaky' }),
      });
      assert.ok(r.status >= 400 && r.status < 500);
      const body = await r.json();
      assert.equal(body.__type, 'MissingAuthenticationTokenException');
      const pools = await s.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(!pools.UserPools!.some((p) => p.Name === 'sneaky'));
    });

    it('a call signed by a deleted access key is UnrecognizedClientException', async () => {
      const key = await createAccessKey(s.svc, 'short-lived operator');
      const client = idpClient(s.url, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
      try {
        assert.ok(Array.isArray((await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))).UserPools));
        assert.equal(await deleteAccessKey(s.svc, key.accessKeyId), true);
        await rejects(client.send(new ListUserPoolsCommand({ MaxResults: 1 })), 'UnrecognizedClientException');
        await rejects(client.send(new CreateUserPoolCommand({ PoolName: 'after-revocation' })), 'UnrecognizedClientException');
      } finally {
        client.destroy();
      }
    });
  });
}
