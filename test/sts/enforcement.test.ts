/**
 * Threat: temporary credentials doing more than their role allows. A role allowed only cognito-idp:AdminGetUser
 * on one pool gets credentials from STS AssumeRole; with them the cognito-idp SDK can read users of that pool and
 * nothing else (another pool, CreateUserPool: AccessDeniedException naming the action and resource); session
 * policies narrow further; expired, altered or unknown session tokens are refused; an IAM user's own key obeys
 * its policies; operator keys stay all-powerful.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminGetUserCommand, CreateUserPoolCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { ACCOUNT, allow, asCreds, doc, iam, idp, poolArn, poolWithUser, sts, trustAccount, type Creds } from './fixtures.js';

const rejects = (name: string, pattern?: RegExp) => (e: Error & { $metadata?: unknown }) => {
  assert.equal(e.name, name, `${e.name}: ${e.message}`);
  if (pattern) assert.match(e.message, pattern);
  return true;
};

for (const dialect of DIALECTS) {
  describe(`enforcement of temporary credentials and IAM user keys (${dialect})`, () => {
    let server: TestServer;
    let poolA: string;
    let poolB: string;
    let creds: Creds;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/ReadAliceOnly`;
    before(async () => {
      server = await startTestServer(dialect);
      poolA = (await poolWithUser(server, 'alice')).poolId;
      poolB = (await poolWithUser(server, 'bob')).poolId;
      await iam(server).send(new CreateRoleCommand({ RoleName: 'ReadAliceOnly', AssumeRolePolicyDocument: trustAccount(), MaxSessionDuration: 7200 }));
      await iam(server).send(
        new PutRolePolicyCommand({ RoleName: 'ReadAliceOnly', PolicyName: 'read', PolicyDocument: doc(allow('cognito-idp:AdminGetUser', poolArn(poolA))) }),
      );
      creds = asCreds((await sts(server).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'reader' }))).Credentials);
    });
    after(() => server.stop());

    test('the session may AdminGetUser in its pool, and nothing else', async () => {
      const client = idp(server, creds);
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' }));
      assert.equal(user.Username, 'alice');
      await assert.rejects(
        client.send(new AdminGetUserCommand({ UserPoolId: poolB, Username: 'bob' })),
        rejects('AccessDeniedException', new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/ReadAliceOnly/reader is not authorized to perform: cognito-idp:AdminGetUser on resource: arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/${poolB}`)),
      );
      await assert.rejects(client.send(new CreateUserPoolCommand({ PoolName: 'evil' })), rejects('AccessDeniedException', /cognito-idp:CreateUserPool on resource: \*/));
      await assert.rejects(client.send(new ListUsersCommand({ UserPoolId: poolA })), rejects('AccessDeniedException', /cognito-idp:ListUsers/));
      // Nothing was created by the refused call.
      assert.equal((await server.idp.send(new (await import('@aws-sdk/client-cognito-identity-provider')).ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.filter((p) => p.Name === 'evil').length, 0);
      const me = await sts(server, creds).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ReadAliceOnly/reader`);
      assert.match(me.UserId!, /^AROA[A-Z0-9]{17}:reader$/);
    });

    test('a session policy narrows the role: identity ∩ session', async () => {
      const narrowed = asCreds(
        (
          await sts(server).send(
            new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'narrow', Policy: doc(allow('cognito-idp:ListUsers', '*')) }),
          )
        ).Credentials,
      );
      await assert.rejects(idp(server, narrowed).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })), rejects('AccessDeniedException', /AdminGetUser/));
    });

    test('threat: an altered or foreign session token, or a missing one, is refused', async () => {
      const t = creds.sessionToken!;
      const tampered = { ...creds, sessionToken: t.slice(0, 10) + (t[10] === 'x' ? 'y' : 'x') + t.slice(11) };
      await assert.rejects(idp(server, tampered).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })), rejects('UnrecognizedClientException'));
      const other = asCreds((await sts(server).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'other' }))).Credentials);
      await assert.rejects(
        idp(server, { ...creds, sessionToken: other.sessionToken }).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })),
        rejects('UnrecognizedClientException'),
      );
      await assert.rejects(
        idp(server, { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })),
        rejects('UnrecognizedClientException'),
      );
      await assert.rejects(sts(server, tampered).send(new GetCallerIdentityCommand({})), rejects('InvalidClientTokenId'));
      await assert.rejects(
        idp(server, { ...creds, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })),
        rejects('UnrecognizedClientException'),
      );
    });

    test('an IAM user key obeys its policies; operator keys stay all-powerful', async () => {
      await iam(server).send(new CreateUserCommand({ UserName: 'ci' }));
      await iam(server).send(new PutUserPolicyCommand({ UserName: 'ci', PolicyName: 'list', PolicyDocument: doc(allow('cognito-idp:ListUsers', poolArn(poolB))) }));
      const key = (await iam(server).send(new CreateAccessKeyCommand({ UserName: 'ci' }))).AccessKey!;
      assert.match(key.AccessKeyId!, /^AKIA/);
      const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
      assert.equal((await idp(server, user).send(new ListUsersCommand({ UserPoolId: poolB }))).Users!.length, 1);
      await assert.rejects(
        idp(server, user).send(new ListUsersCommand({ UserPoolId: poolA })),
        rejects('AccessDeniedException', new RegExp(`User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: cognito-idp:ListUsers`)),
      );
      await assert.rejects(iam(server, user).send(new CreateUserCommand({ UserName: 'escalate' })), rejects('AccessDenied', /iam:CreateUser/));
      // The user cannot assume the role either: sts:AssumeRole is not in its policies.
      await assert.rejects(sts(server, user).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'xx' })), rejects('AccessDenied', /sts:AssumeRole/));
      assert.equal((await sts(server, user).send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/ci`);
      assert.equal((await server.idp.send(new ListUsersCommand({ UserPoolId: poolA }))).Users!.length, 1);
    });

    test('session tags need sts:TagSession in the trust policy and reach policies as aws:PrincipalTag', async () => {
      const admin = iam(server);
      await assert.rejects(
        sts(server).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'tagged', Tags: [{ Key: 'pool', Value: poolB }] })),
        rejects('AccessDenied', /sts:AssumeRole/),
      );
      await admin.send(
        new CreateRoleCommand({
          RoleName: 'Tagged',
          AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
        }),
      );
      // One policy for every tenant: the pool comes from the session's principal tag.
      await admin.send(
        new PutRolePolicyCommand({
          RoleName: 'Tagged',
          PolicyName: 'own-pool',
          PolicyDocument: doc(allow('cognito-idp:AdminGetUser', `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/\${aws:PrincipalTag/pool}`)),
        }),
      );
      const tagged = asCreds(
        (await sts(server).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Tagged`, RoleSessionName: 'tenant-b', Tags: [{ Key: 'pool', Value: poolB }] }))).Credentials,
      );
      assert.equal((await idp(server, tagged).send(new AdminGetUserCommand({ UserPoolId: poolB, Username: 'bob' }))).Username, 'bob');
      await assert.rejects(idp(server, tagged).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })), rejects('AccessDeniedException'));
    });

    test('after expiry (clock advanced past DurationSeconds) the credentials are refused', async () => {
      const short = asCreds((await sts(server).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 900 }))).Credentials);
      await idp(server, short).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' }));
      server.clock.advance(901_000);
      await assert.rejects(idp(server, short).send(new AdminGetUserCommand({ UserPoolId: poolA, Username: 'alice' })), rejects('ExpiredTokenException'));
      await assert.rejects(sts(server, short).send(new GetCallerIdentityCommand({})), rejects('ExpiredTokenException'));
    });
  });
}
