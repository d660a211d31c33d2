/**
 * User pool life cycle through the real SDK: Cognito's defaults, validation errors naming the member, full-replace
 * UpdateUserPool, keyset paging, DeletionProtection, cascade delete and survival across a restart.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  UpdateUserPoolCommand,
  DeleteUserPoolCommand,
  ListUserPoolsCommand,
  CreateUserPoolClientCommand,
  CreateGroupCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';

async function rejects(p: Promise<unknown>, name: string, message?: RegExp | string) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

for (const dialect of DIALECTS) {
  describe(`user pools (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.stop());

    const create = (input: Partial<ConstructorParameters<typeof CreateUserPoolCommand>[0]> = {}) =>
      s.idp.send(new CreateUserPoolCommand({ PoolName: 'pool', ...input })).then((r) => r.UserPool as UserPoolType);

    it('creates a pool with Cognito defaults and describes it', async () => {
      const p = await create({ PoolName: 'defaults', UserPoolTags: { team: 'a' } });
      assert.match(p.Id!, /^us-east-1_[A-Za-z0-9]{9}$/);
      assert.equal(p.Name, 'defaults');
      assert.equal(p.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${p.Id}`);
      assert.deepEqual(p.Policies?.PasswordPolicy, {
        MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7,
      });
      assert.equal(p.MfaConfiguration, 'OFF');
      assert.equal(p.DeletionProtection, 'INACTIVE');
      assert.equal(p.VerificationMessageTemplate?.DefaultEmailOption, 'CONFIRM_WITH_CODE');
      assert.deepEqual(p.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
      assert.deepEqual(p.UsernameConfiguration, { CaseSensitive: true });
      assert.equal(p.EstimatedNumberOfUsers, 0);
      assert.deepEqual(p.UserPoolTags, { team: 'a' });
      assert.ok(p.CreationDate instanceof Date && Math.abs(p.CreationDate.getTime() - Date.now()) < 60_000);
      const names = p.SchemaAttributes!.map((a) => a.Name);
      for (const n of ['sub', 'name', 'given_name', 'family_name', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'updated_at', 'birthdate']) {
        assert.ok(names.includes(n), n);
      }
      const sub = p.SchemaAttributes!.find((a) => a.Name === 'sub')!;
      assert.equal(sub.Required, true);
      assert.equal(sub.Mutable, false);
      assert.equal(p.SchemaAttributes!.find((a) => a.Name === 'email_verified')!.AttributeDataType, 'Boolean');
      assert.equal(p.SchemaAttributes!.find((a) => a.Name === 'updated_at')!.AttributeDataType, 'Number');
      const d = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      assert.deepEqual(d, p);
    });

    it('keeps declared schema, aliases, policies and custom attributes with the custom: prefix', async () => {
      const p = await create({
        AliasAttributes: ['email', 'preferred_username'],
        AutoVerifiedAttributes: ['email'],
        Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
        Schema: [
          { Name: 'email', Required: true, Mutable: true },
          { Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '1', MaxLength: '10' } },
          { Name: 'secret', AttributeDataType: 'Number', DeveloperOnlyAttribute: true },
        ],
        UsernameConfiguration: { CaseSensitive: false },
        EmailVerificationMessage: 'Your code is {####}',
        LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre' },
      });
      assert.deepEqual(p.AliasAttributes, ['email', 'preferred_username']);
      assert.equal(p.UsernameAttributes, undefined);
      assert.deepEqual(p.Policies?.PasswordPolicy, {
        MinimumLength: 12, RequireUppercase: false, RequireLowercase: false, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 7,
      });
      assert.equal(p.SchemaAttributes!.find((a) => a.Name === 'email')!.Required, true);
      const tier = p.SchemaAttributes!.find((a) => a.Name === 'custom:tier')!;
      assert.deepEqual(tier.StringAttributeConstraints, { MinLength: '1', MaxLength: '10' });
      assert.ok(p.SchemaAttributes!.some((a) => a.Name === 'dev:custom:secret' && a.DeveloperOnlyAttribute));
      assert.equal(p.VerificationMessageTemplate?.EmailMessage, 'Your code is {####}');
      assert.equal(p.EmailVerificationMessage, 'Your code is {####}');
      assert.equal(p.LambdaConfig?.PreSignUp, 'arn:aws:lambda:us-east-1:000000000000:function:pre');
      assert.deepEqual(p.UsernameConfiguration, { CaseSensitive: false });
    });

    it('refuses invalid parameters with InvalidParameterException naming the member', async () => {
      await rejects(create({ AliasAttributes: ['email'], UsernameAttributes: ['email'] }), 'InvalidParameterException', /AliasAttributes.*UsernameAttributes/);
      await rejects(create({ Policies: { PasswordPolicy: { MinimumLength: 5 } } }), 'InvalidParameterException', /policies\.passwordPolicy\.minimumLength/);
      await rejects(create({ Policies: { PasswordPolicy: { MinimumLength: 100 } } }), 'InvalidParameterException', /less than or equal to 99/);
      await rejects(create({ Schema: [{ Name: 'a'.repeat(21) }] }), 'InvalidParameterException', /schema\.1\.name/);
      await rejects(create({ Schema: [{ Name: 'x', Required: true }] }), 'InvalidParameterException', 'Required custom attributes are not supported currently.');
      await rejects(create({ Schema: Array.from({ length: 51 }, (_, i) => ({ Name: `c${i}` })) }), 'InvalidParameterException', /schema/);
      await rejects(create({ PoolName: '' }), 'InvalidParameterException', /poolName/);
      await rejects(create({ MfaConfiguration: 'SOMETIMES' as never }), 'InvalidParameterException', /mfaConfiguration.*enum/);
      await rejects(create({ EmailVerificationMessage: 'no placeholder' }), 'InvalidParameterException', /\{####\}/);
      await rejects(
        create({ UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } }),
        'InvalidParameterException',
        'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes',
      );
      await rejects(s.idp.send(new CreateUserPoolCommand({} as never)), 'InvalidParameterException', /'poolName'.*must not be null/);
    });

    it('unknown pools are ResourceNotFoundException', async () => {
      await rejects(s.idp.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
      await rejects(s.idp.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new DeleteUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new DescribeUserPoolCommand({ UserPoolId: 'not a pool id' })), 'InvalidParameterException', /userPoolId/);
    });

    it('UpdateUserPool replaces the mutable members and keeps schema and sign-in attributes', async () => {
      const p = await create({
        UsernameAttributes: ['email'],
        MfaConfiguration: 'OFF',
        Policies: { PasswordPolicy: { MinimumLength: 10 } },
        DeletionProtection: 'ACTIVE',
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'team' }],
        LambdaConfig: { PostConfirmation: 'arn:aws:lambda:us-east-1:000000000000:function:post' },
      });
      s.clock.advance(5_000);
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } }));
      const d = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      assert.deepEqual(d.Policies?.PasswordPolicy?.MinimumLength, 8, 'omitted policy reverts to the default');
      assert.equal(d.Policies?.PasswordPolicy?.RequireSymbols, true);
      assert.equal(d.DeletionProtection, 'INACTIVE');
      assert.equal(d.AutoVerifiedAttributes, undefined);
      assert.deepEqual(d.LambdaConfig, {});
      assert.deepEqual(d.DeviceConfiguration, { ChallengeRequiredOnNewDevice: true });
      assert.deepEqual(d.UsernameAttributes, ['email']);
      assert.ok(d.SchemaAttributes!.some((a) => a.Name === 'custom:team'));
      assert.equal(d.Name, p.Name);
      assert.equal(d.CreationDate!.getTime(), p.CreationDate!.getTime());
      assert.ok(d.LastModifiedDate!.getTime() >= p.LastModifiedDate!.getTime() + 4_000);
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, PoolName: 'renamed', MfaConfiguration: 'OPTIONAL', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' } }));
      const r = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      assert.equal(r.Name, 'renamed');
      assert.equal(r.MfaConfiguration, 'OPTIONAL');
      await rejects(s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, Policies: { PasswordPolicy: { MinimumLength: 3 } } })), 'InvalidParameterException', /minimumLength/);
    });

    it('DeletionProtection ACTIVE blocks DeleteUserPool until it is turned off', async () => {
      const p = await create({ DeletionProtection: 'ACTIVE' });
      await rejects(
        s.idp.send(new DeleteUserPoolCommand({ UserPoolId: p.Id })),
        'InvalidParameterException',
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
      await s.idp.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, DeletionProtection: 'INACTIVE' }));
      await s.idp.send(new DeleteUserPoolCommand({ UserPoolId: p.Id }));
      await rejects(s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id })), 'ResourceNotFoundException');
    });

    it('deleting a pool deletes its clients, groups, users and other pool rows, and nothing of other pools', async () => {
      const p = await create();
      const keep = await create();
      for (const pool of [p, keep]) {
        await s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'c', GenerateSecret: true }));
        await s.idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'g' }));
      }
      const now = Date.now();
      await s.svc.db
        .insertInto('users')
        .values({ pool_id: p.Id!, username_key: 'u', username: 'u', sub: 'sub-1', status: 'CONFIRMED', enabled: 1, attributes: '{}', tokens_valid_after: 0, mfa: '{}', created_at: now, updated_at: now })
        .execute();
      await s.svc.db.insertInto('group_members').values({ pool_id: p.Id!, group_name: 'g', username_key: 'u', created_at: now }).execute();
      assert.equal((await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!.EstimatedNumberOfUsers, 1);
      await s.idp.send(new DeleteUserPoolCommand({ UserPoolId: p.Id }));
      for (const table of ['pool_clients', 'groups', 'users', 'group_members'] as const) {
        const rows = await s.svc.db.selectFrom(table).select('pool_id').where('pool_id', '=', p.Id!).execute();
        assert.equal(rows.length, 0, table);
      }
      assert.equal((await s.svc.db.selectFrom('pool_clients').select('pool_id').where('pool_id', '=', keep.Id!).execute()).length, 1);
      assert.equal((await s.svc.db.selectFrom('groups').select('pool_id').where('pool_id', '=', keep.Id!).execute()).length, 1);
    });

    it('ListUserPools pages by NextToken through every pool exactly once', async () => {
      const made = new Set<string>();
      for (let i = 0; i < 7; i++) made.add((await create({ PoolName: `page-${i}` })).Id!);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await s.idp.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: token }));
        assert.ok(out.UserPools!.length <= 3);
        for (const u of out.UserPools!) {
          seen.push(u.Id!);
          assert.ok(u.Name && u.CreationDate instanceof Date && u.LastModifiedDate instanceof Date && u.LambdaConfig);
        }
        token = out.NextToken;
        pages++;
      } while (token);
      assert.equal(new Set(seen).size, seen.length, 'no pool twice');
      for (const id of made) assert.ok(seen.includes(id));
      assert.ok(pages >= 3);
      await rejects(s.idp.send(new ListUserPoolsCommand({ MaxResults: 0 })), 'InvalidParameterException', /maxResults/);
      await rejects(s.idp.send(new ListUserPoolsCommand({ MaxResults: 61 })), 'InvalidParameterException', /maxResults/);
      await rejects(s.idp.send(new ListUserPoolsCommand({} as never)), 'InvalidParameterException', /maxResults/);
      await rejects(s.idp.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'garbage' })), 'InvalidParameterException', /NextToken/);
    });

    it('pools survive a restart', async () => {
      const p = await create({ PoolName: 'durable', Policies: { PasswordPolicy: { MinimumLength: 9 } } });
      s = await s.restart();
      const d = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool!;
      assert.equal(d.Name, 'durable');
      assert.equal(d.Policies?.PasswordPolicy?.MinimumLength, 9);
    });
  });
}
