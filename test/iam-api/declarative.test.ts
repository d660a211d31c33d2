/**
 * Declared IAM (`iam:` in cognate.yaml): managed policies, roles with trust policy, inline policies and
 * attachments, and OIDC providers are created at start, a restart with the same file changes nothing, a changed
 * document is brought in line, and a malformed document fails start naming its path in the file.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { DIALECTS, dropSchema, startTestServer, type TestServer } from '../helpers/server.js';
import { ACCOUNT, asCreds, iam, idp, sts } from '../sts/fixtures.js';

const yaml = (action: string) => `
iam:
  policies:
    - PolicyName: ListPools
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: cognito-idp:ListUserPools
            Resource: "*"
  roles:
    - RoleName: Operator
      MaxSessionDuration: 7200
      AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"sts:AssumeRole"}]}'
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: "*"
      ManagedPolicyArns: [arn:aws:iam::${ACCOUNT}:policy/ListPools]
  oidcProviders:
    - Url: https://login.example.com
      ClientIDList: [web]
`;

for (const dialect of DIALECTS) {
  describe(`declared IAM in cognate.yaml (${dialect})`, () => {
    let dir: string;
    let file: string;
    let server: TestServer;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-iam-yaml-'));
      file = path.join(dir, 'cognate.yaml');
      writeFileSync(file, yaml('cognito-idp:DescribeUserPool'));
      server = await startTestServer(dialect, { configFile: file });
    });
    after(async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('roles, policies and providers exist after start and grant what they declare', async () => {
      const role = (await iam(server).send(new GetRoleCommand({ RoleName: 'Operator' }))).Role!;
      assert.equal(role.MaxSessionDuration, 7200);
      assert.deepEqual((await iam(server).send(new ListAttachedRolePoliciesCommand({ RoleName: 'Operator' }))).AttachedPolicies!.map((p) => p.PolicyName), ['ListPools']);
      assert.deepEqual((await iam(server).send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, [{ Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com` }]);
      const creds = asCreds((await sts(server).send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ops', DurationSeconds: 7200 }))).Credentials);
      assert.ok(Array.isArray((await idp(server, creds).send(new ListUserPoolsCommand({ MaxResults: 5 }))).UserPools));
    });

    test('a restart with a changed document brings it in line without duplicating anything', async () => {
      const before = (await iam(server).send(new GetRoleCommand({ RoleName: 'Operator' }))).Role!.RoleId;
      writeFileSync(file, yaml('cognito-idp:ListUsers'));
      server = await server.restart();
      const role = (await iam(server).send(new GetRoleCommand({ RoleName: 'Operator' }))).Role!;
      assert.equal(role.RoleId, before);
      const inline = await iam(server).send(new GetRolePolicyCommand({ RoleName: 'Operator', PolicyName: 'inline' }));
      assert.match(decodeURIComponent(inline.PolicyDocument!), /cognito-idp:ListUsers/);
      assert.equal((await iam(server).send(new ListAttachedRolePoliciesCommand({ RoleName: 'Operator' }))).AttachedPolicies!.length, 1);
    });

    test('a malformed declared document fails start naming its path', async () => {
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'iam:\n  roles:\n    - RoleName: Broken\n      AssumeRolePolicyDocument: \'{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}\'\n');
      // A failed start leaves its PostgreSQL schema and data dir behind: name them so they can be removed.
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognate-iam-bad-'));
      const masterKey = randomBytes(32).toString('base64');
      try {
        await assert.rejects(startTestServer(dialect, { configFile: bad, schema, dataDir, masterKey }), /iam\.roles\[0\].*Principal/);
        writeFileSync(bad, 'iam:\n  roles:\n    - RoleName: Broken\n      AssumeRolePolicyDoc: x\n');
        await assert.rejects(startTestServer(dialect, { configFile: bad, schema, dataDir, masterKey }), /iam\.roles\[0\]/);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        if (dialect === 'postgres') await dropSchema(schema);
      }
    });
  });
}
