/**
 * Declared setup (`userPools:` in cognate.yaml): applied at start, a second start writes nothing and creates no
 * duplicates, a changed declaration is brought in line, and a bad entry fails start naming its path.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  ListUserPoolsCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  GetGroupCommand,
  ListGroupsCommand,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, dropSchema, DIALECTS, type TestServer, type TestDialect } from '../helpers/server.js';

const PINNED_SECRET = 'pinnedsecretpinnedsecret0123456789';

const yaml = (extra = '') => `
userPools:
  - Name: declared-app
    Policies:
      PasswordPolicy:
        MinimumLength: 10
    AutoVerifiedAttributes: [email]
    UsernameAttributes: [email]
    Schema:
      - Name: tenant
        AttributeDataType: String
    MfaConfiguration: OPTIONAL
    SoftwareTokenMfaConfiguration:
      Enabled: true
    UserPoolTags:
      owner: platform
    Clients:
      - ClientName: web
        ClientId: declaredwebclient000000001
        ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        AuthSessionValidity: ${extra ? 7 : 5}
      - ClientName: backend
        ClientSecret: ${PINNED_SECRET}
        ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      - ClientName: generated
        GenerateSecret: true
    Groups:
      - GroupName: admins
        Precedence: 1
        Description: administrators
${extra}
  - Name: pinned-pool
    Id: us-east-1_Declared1
    Groups:
      - GroupName: staff
`;

async function snapshot(s: TestServer) {
  const pools = await s.svc.db.selectFrom('user_pools').selectAll().orderBy('id').execute();
  const clients = await s.svc.db.selectFrom('pool_clients').selectAll().orderBy('client_id').execute();
  const groups = await s.svc.db.selectFrom('groups').selectAll().orderBy('pool_id').orderBy('name').execute();
  return JSON.stringify({ pools, clients, groups });
}

async function startFails(dialect: TestDialect, file: string, message: RegExp) {
  const schema = dialect === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  try {
    await assert.rejects(startTestServer(dialect, { configFile: file, schema }), (e: Error) => {
      assert.match(e.message, message);
      return true;
    });
  } finally {
    if (schema) await dropSchema(schema);
  }
}

for (const dialect of DIALECTS) {
  describe(`declared setup (${dialect})`, () => {
    let s: TestServer;
    let dir: string;
    let file: string;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-declared-'));
      file = path.join(dir, 'cognate.yaml');
      writeFileSync(file, yaml());
      s = await startTestServer(dialect, { configFile: file });
    });
    after(async () => {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const poolNamed = async (name: string) => (await s.idp.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.filter((p) => p.Name === name);

    it('creates the declared pools, clients and groups', async () => {
      const [pool, ...more] = await poolNamed('declared-app');
      assert.ok(pool);
      assert.equal(more.length, 0);
      const d = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
      assert.equal(d.Policies?.PasswordPolicy?.MinimumLength, 10);
      assert.deepEqual(d.UsernameAttributes, ['email']);
      assert.ok(d.SchemaAttributes!.some((a) => a.Name === 'custom:tenant'));
      assert.deepEqual(d.UserPoolTags, { owner: 'platform' });
      const mfa = await s.idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }));
      assert.equal(mfa.MfaConfiguration, 'OPTIONAL');
      assert.deepEqual(mfa.SoftwareTokenMfaConfiguration, { Enabled: true });

      const web = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: 'declaredwebclient000000001' }))).UserPoolClient!;
      assert.equal(web.ClientName, 'web');
      assert.equal(web.ClientSecret, undefined);
      assert.deepEqual(web.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      const list = (await s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: pool.Id }))).UserPoolClients!;
      assert.deepEqual(list.map((c) => c.ClientName).sort(), ['backend', 'generated', 'web']);
      const backendId = list.find((c) => c.ClientName === 'backend')!.ClientId;
      const backend = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: backendId }))).UserPoolClient!;
      assert.equal(backend.ClientSecret, PINNED_SECRET);
      const generatedId = list.find((c) => c.ClientName === 'generated')!.ClientId;
      const generated = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: generatedId }))).UserPoolClient!;
      assert.match(generated.ClientSecret!, /^[a-z0-9]{51}$/);

      const admins = (await s.idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }))).Group!;
      assert.equal(admins.Precedence, 1);
      assert.equal(admins.Description, 'administrators');
      const pinned = (await s.idp.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Declared1' }))).UserPool!;
      assert.equal(pinned.Name, 'pinned-pool');
      assert.equal((await s.idp.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_Declared1' }))).Groups![0]!.GroupName, 'staff');
    });

    it('a second start changes nothing and creates no duplicates', async () => {
      const before = await snapshot(s);
      s.clock.advance(60_000);
      s = await s.restart();
      assert.equal(await snapshot(s), before);
      assert.equal((await poolNamed('declared-app')).length, 1);
      assert.equal((await poolNamed('pinned-pool')).length, 1);
    });

    it('a changed declaration is applied on the next start, keeping ids and secrets', async () => {
      const [pool] = await poolNamed('declared-app');
      const clientsBefore = (await s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: pool!.Id }))).UserPoolClients!;
      const generatedId = clientsBefore.find((c) => c.ClientName === 'generated')!.ClientId;
      const secretBefore = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool!.Id, ClientId: generatedId }))).UserPoolClient!.ClientSecret;
      writeFileSync(file, yaml('      - GroupName: auditors\n'));
      s = await s.restart();
      assert.equal((await poolNamed('declared-app')).length, 1);
      const web = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool!.Id, ClientId: 'declaredwebclient000000001' }))).UserPoolClient!;
      assert.equal(web.AuthSessionValidity, 7);
      const groups = (await s.idp.send(new ListGroupsCommand({ UserPoolId: pool!.Id }))).Groups!.map((g) => g.GroupName);
      assert.deepEqual(groups, ['admins', 'auditors']);
      const clientsAfter = (await s.idp.send(new ListUserPoolClientsCommand({ UserPoolId: pool!.Id }))).UserPoolClients!;
      assert.deepEqual(clientsAfter.map((c) => c.ClientId).sort(), clientsBefore.map((c) => c.ClientId).sort());
      const secretAfter = (await s.idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool!.Id, ClientId: generatedId }))).UserPoolClient!.ClientSecret;
      assert.equal(secretAfter, secretBefore);
    });

    it('a misspelt key, a bad value or a refused setting fails start naming the entry', async () => {
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'userPools:\n  - Name: p\n    Clients:\n      - ClientName: a\n      - ClientName: b\n        ExplicitAuthFlow: [ALLOW_USER_SRP_AUTH]\n');
      await startFails(dialect, bad, /userPools\[0\]\.Clients\[1\]\.ExplicitAuthFlow: unknown key/);
      writeFileSync(bad, 'userPools:\n  - Name: p\n    Clients:\n      - ClientName: a\n      - ClientName: b\n        ExplicitAuthFlows: [SRP]\n');
      await startFails(dialect, bad, /userPools\[0\]\.Clients\[1\]\.ExplicitAuthFlows\[0\]/);
      writeFileSync(bad, 'userPools:\n  - Name: p\n    Policies:\n      PasswordPolicy:\n        MinimumLength: 2\n');
      await startFails(dialect, bad, /userPools\[0\]\.Policies\.PasswordPolicy\.MinimumLength/);
      writeFileSync(bad, 'userPools:\n  - Id: us-east-1_NoName\n');
      await startFails(dialect, bad, /userPools\[0\]\.Name: required/);
      writeFileSync(bad, 'userPools:\n  - Name: p\n    Clients:\n      - ClientName: a\n        CallbackURLs: [https://a.example/cb]\n        DefaultRedirectURI: https://b.example/cb\n');
      await startFails(dialect, bad, /userPools\[0\]\.Clients\[0\]: DefaultRedirectURI/);
      writeFileSync(bad, 'userPools:\n  - Name: p\n    Id: eu-west-9_Elsewhere\n');
      await startFails(dialect, bad, /userPools\[0\]: Id eu-west-9_Elsewhere must start with a configured region/);
    });
  });
}
