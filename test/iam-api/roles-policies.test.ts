/**
 * The IAM query API through @aws-sdk/client-iam: roles (create, get, update, list with paging, delete with
 * DeleteConflict), inline and managed policies and attachments, OIDC providers, users and access keys, and
 * SimulateCustomPolicy on the engine. Bad documents are MalformedPolicyDocument naming the problem; every error
 * is read by the SDK from IAM's XML error shape (name, message, HTTP status, fault).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateOpenIDConnectProviderCommand, CreatePolicyCommand,
  CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteOpenIDConnectProviderCommand, DeletePolicyCommand,
  DeleteRoleCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand, GetOpenIDConnectProviderCommand, GetPolicyCommand,
  GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand, ListRolesCommand, PutRolePolicyCommand, PutUserPolicyCommand, SimulateCustomPolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { ACCOUNT, allow, doc, iam, idp, trustAccount } from '../sts/fixtures.js';

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
const named = (name: string, message?: RegExp, status?: number) => (e: SdkError) => {
  assert.equal(e.name, name, `${e.name}: ${e.message}`);
  if (message) assert.match(e.message, message);
  if (status) assert.equal(e.$metadata?.httpStatusCode, status);
  return true;
};

for (const dialect of DIALECTS) {
  describe(`IAM API (${dialect})`, () => {
    let server: TestServer;
    let client: IAMClient;
    before(async () => {
      server = await startTestServer(dialect);
      client = iam(server);
    });
    after(() => server.stop());

    test('roles: create, get (trust policy URL-encoded as IAM returns it), update, list with paging, delete', async () => {
      const created = await client.send(
        new CreateRoleCommand({ RoleName: 'App', Path: '/apps/', AssumeRolePolicyDocument: trustAccount(), Description: 'the app', Tags: [{ Key: 'team', Value: 'blue' }] }),
      );
      assert.equal(created.Role!.Arn, `arn:aws:iam::${ACCOUNT}:role/apps/App`);
      assert.match(created.Role!.RoleId!, /^AROA/);
      const got = (await client.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
      assert.equal(got.RoleName, 'App');
      assert.deepEqual(JSON.parse(decodeURIComponent(got.AssumeRolePolicyDocument!)), JSON.parse(trustAccount()));
      assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'blue' }]);
      assert.equal(got.MaxSessionDuration, 3600);
      await client.send(new UpdateRoleCommand({ RoleName: 'App', MaxSessionDuration: 43200, Description: 'changed' }));
      const updated = (await client.send(new GetRoleCommand({ RoleName: 'App' }))).Role!;
      assert.equal(updated.MaxSessionDuration, 43200);
      assert.equal(updated.Description, 'changed');
      await assert.rejects(client.send(new UpdateRoleCommand({ RoleName: 'App', MaxSessionDuration: 100 })), named('ValidationError', /maxSessionDuration/, 400));
      await assert.rejects(client.send(new CreateRoleCommand({ RoleName: 'APP', AssumeRolePolicyDocument: trustAccount() })), named('EntityAlreadyExistsException', /App|APP/, 409));
      for (const n of ['R1', 'R2', 'R3']) await client.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: trustAccount() }));
      const names: string[] = [];
      let Marker: string | undefined;
      do {
        const page = await client.send(new ListRolesCommand({ MaxItems: 2, Marker }));
        assert.ok(page.Roles!.length <= 2);
        names.push(...page.Roles!.map((r) => r.RoleName!));
        Marker = page.IsTruncated ? page.Marker : undefined;
      } while (Marker);
      assert.deepEqual(names, ['App', 'R1', 'R2', 'R3']);
      assert.deepEqual((await client.send(new ListRolesCommand({ PathPrefix: '/apps/' }))).Roles!.map((r) => r.RoleName), ['App']);
      await client.send(new DeleteRoleCommand({ RoleName: 'R3' }));
      await assert.rejects(client.send(new GetRoleCommand({ RoleName: 'R3' })), named('NoSuchEntityException', /R3/, 404));
      await assert.rejects(client.send(new GetRoleCommand({ RoleName: 'bad name!' })), named('ValidationError', /roleName/));
    });

    test('inline and managed policies, attachments and DeleteConflict', async () => {
      await client.send(new CreateRoleCommand({ RoleName: 'Holder', AssumeRolePolicyDocument: trustAccount() }));
      const inline = doc(allow('cognito-idp:ListUsers'));
      await client.send(new PutRolePolicyCommand({ RoleName: 'Holder', PolicyName: 'list', PolicyDocument: inline }));
      const got = await client.send(new GetRolePolicyCommand({ RoleName: 'Holder', PolicyName: 'list' }));
      assert.equal(decodeURIComponent(got.PolicyDocument!), inline);
      assert.deepEqual((await client.send(new ListRolePoliciesCommand({ RoleName: 'Holder' }))).PolicyNames, ['list']);
      const policy = (await client.send(new CreatePolicyCommand({ PolicyName: 'ReadAll', PolicyDocument: doc(allow('cognito-idp:Describe*')), Description: 'd' }))).Policy!;
      assert.equal(policy.Arn, `arn:aws:iam::${ACCOUNT}:policy/ReadAll`);
      assert.equal(policy.DefaultVersionId, 'v1');
      await client.send(new AttachRolePolicyCommand({ RoleName: 'Holder', PolicyArn: policy.Arn }));
      assert.deepEqual((await client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Holder' }))).AttachedPolicies, [{ PolicyName: 'ReadAll', PolicyArn: policy.Arn }]);
      assert.equal((await client.send(new GetPolicyCommand({ PolicyArn: policy.Arn }))).Policy!.AttachmentCount, 1);
      await assert.rejects(client.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })), named('DeleteConflictException', undefined, 409));
      await assert.rejects(client.send(new DeleteRoleCommand({ RoleName: 'Holder' })), named('DeleteConflictException', /policies/, 409));
      await assert.rejects(
        client.send(new AttachRolePolicyCommand({ RoleName: 'Holder', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` })),
        named('NoSuchEntityException', /Nope/, 404),
      );
      await client.send(new DetachRolePolicyCommand({ RoleName: 'Holder', PolicyArn: policy.Arn }));
      await client.send(new DeleteRolePolicyCommand({ RoleName: 'Holder', PolicyName: 'list' }));
      await assert.rejects(client.send(new GetRolePolicyCommand({ RoleName: 'Holder', PolicyName: 'list' })), named('NoSuchEntityException'));
      await client.send(new DeleteRoleCommand({ RoleName: 'Holder' }));
      await client.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }));
      await assert.rejects(client.send(new GetPolicyCommand({ PolicyArn: policy.Arn })), named('NoSuchEntityException'));
    });

    test('MalformedPolicyDocument names the problem, and nothing is stored', async () => {
      const bad = async (p: Promise<unknown>, message: RegExp) => assert.rejects(p, named('MalformedPolicyDocumentException', message, 400));
      await bad(client.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{"Version":"2012-10-17"' })), /not valid JSON/);
      await bad(client.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }) })), /Principal/);
      await bad(client.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }) })), /Resource/);
      await assert.rejects(client.send(new GetRoleCommand({ RoleName: 'Bad' })), named('NoSuchEntityException'));
      await client.send(new CreateRoleCommand({ RoleName: 'Good', AssumeRolePolicyDocument: trustAccount() }));
      await bad(client.send(new PutRolePolicyCommand({ RoleName: 'Good', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject' }) })), /Resource/);
      await bad(client.send(new PutRolePolicyCommand({ RoleName: 'Good', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Permit', Action: '*', Resource: '*' }) })), /Effect/);
      await bad(
        client.send(new PutRolePolicyCommand({ RoleName: 'Good', PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'x' } } }) })),
        /StringEqualz/,
      );
      await bad(client.send(new CreatePolicyCommand({ PolicyName: 'P', PolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) })), /Principal/);
      assert.deepEqual((await client.send(new ListRolePoliciesCommand({ RoleName: 'Good' }))).PolicyNames, []);
    });

    test('OIDC providers: create, get (URL without scheme), list, delete', async () => {
      const { OpenIDConnectProviderArn } = await client.send(
        new CreateOpenIDConnectProviderCommand({ Url: 'https://issuer.example.com/tenant', ClientIDList: ['app1', 'app2'], ThumbprintList: ['a'.repeat(40)] }),
      );
      assert.equal(OpenIDConnectProviderArn, `arn:aws:iam::${ACCOUNT}:oidc-provider/issuer.example.com/tenant`);
      const got = await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn }));
      assert.equal(got.Url, 'issuer.example.com/tenant');
      assert.deepEqual(got.ClientIDList, ['app1', 'app2']);
      await assert.rejects(client.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://issuer.example.com/tenant' })), named('EntityAlreadyExistsException', undefined, 409));
      assert.deepEqual((await client.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, [{ Arn: OpenIDConnectProviderArn }]);
      await client.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn }));
      assert.deepEqual((await client.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [], []);
      await assert.rejects(client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn })), named('NoSuchEntityException', undefined, 404));
    });

    test('users and access keys: a managed policy attached to a user governs its key; a deleted key is refused', async () => {
      await client.send(new CreateUserCommand({ UserName: 'reader' }));
      const policy = (await client.send(new CreatePolicyCommand({ PolicyName: 'ListPools', PolicyDocument: doc(allow('cognito-idp:ListUserPools')) }))).Policy!;
      await client.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: policy.Arn }));
      await client.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'self', PolicyDocument: doc(allow('iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/*`)) }));
      const key = (await client.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
      assert.equal(key.Status, 'Active');
      const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
      assert.ok(Array.isArray((await idp(server, creds).send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools));
      await client.send(new CreateRoleCommand({ RoleName: 'Visible', AssumeRolePolicyDocument: trustAccount() }));
      assert.equal((await iam(server, creds).send(new GetRoleCommand({ RoleName: 'Visible' }))).Role!.RoleName, 'Visible');
      await assert.rejects(iam(server, creds).send(new DeleteRoleCommand({ RoleName: 'Visible' })), named('AccessDenied', /iam:DeleteRole on resource: arn:aws:iam::000000000000:role\/Visible/, 403));
      await assert.rejects(client.send(new CreateUserCommand({ UserName: 'READER' })), named('EntityAlreadyExistsException'));
      await client.send(new DeleteAccessKeyCommand({ UserName: 'reader', AccessKeyId: key.AccessKeyId! }));
      await assert.rejects(idp(server, creds).send(new ListUserPoolsCommand({ MaxResults: 10 })), named('UnrecognizedClientException'));
      await assert.rejects(iam(server, creds).send(new GetRoleCommand({ RoleName: 'Visible' })), named('InvalidClientTokenId', /security token/, 403));
    });

    test('SimulateCustomPolicy evaluates with the engine (policy variables, context entries, positions)', async () => {
      const policy = doc(
        allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:username}/*'),
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      );
      const r = await client.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policy],
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::bucket/alice/a.txt', 'arn:aws:s3:::bucket/bob/a.txt'],
          ContextEntries: [
            { ContextKeyName: 'aws:username', ContextKeyValues: ['alice'], ContextKeyType: 'string' },
            { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
          ],
        }),
      );
      assert.deepEqual(r.EvaluationResults!.map((e) => e.EvalDecision), ['allowed', 'implicitDeny']);
      assert.equal(r.EvaluationResults![0]!.MatchedStatements![0]!.SourcePolicyId, 'PolicyInputList.1');
      assert.equal(r.EvaluationResults![0]!.MatchedStatements![0]!.StartPosition!.Line, 1);
      const insecure = await client.send(
        new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::bucket/alice/a.txt'], ContextEntries: [{ ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['false'], ContextKeyType: 'boolean' }] }),
      );
      assert.equal(insecure.EvaluationResults![0]!.EvalDecision, 'explicitDeny');
      await assert.rejects(client.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{'], ActionNames: ['s3:GetObject'] })), named('MalformedPolicyDocumentException', /PolicyInputList\.1/));
    });

    test('unsigned or wrongly signed IAM calls are refused in the XML error shape', async () => {
      const anon = new IAMClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) } });
      await assert.rejects(anon.send(new ListRolesCommand({})), named('InvalidClientTokenId', undefined, 403));
      const wrong = iam(server, { accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret' });
      await assert.rejects(wrong.send(new ListRolesCommand({})), named('SignatureDoesNotMatch', undefined, 403));
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListRoles&Version=2010-05-08' });
      assert.equal(res.status, 403);
      const xml = await res.text();
      assert.match(xml, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
      const unknown = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DeleteAccountAlias&Version=2010-05-08' });
      assert.equal(unknown.status, 400);
      assert.match(await unknown.text(), /<Code>InvalidAction<\/Code>/);
    });
  });
}
