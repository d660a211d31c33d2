/**
 * Resource servers and custom scopes through the AWS SDK: create/describe/update/delete/list with Cognito's
 * shapes and errors, app clients allowed a custom scope only while it exists, and a deleted scope no longer
 * granted to a client that still lists it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceServerCommand, DeleteResourceServerCommand, DescribeResourceServerCommand, ListResourceServersCommand,
  UpdateResourceServerCommand, UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { basic, createClient, createPool, formPost, jwtClaims, startOAuthServer } from './fixtures.js';

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}

for (const d of DIALECTS) {
  describe(`resource servers (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    before(async () => {
      s = await startOAuthServer(d);
      poolId = await createPool(s.idp);
    });
    after(async () => {
      await s.stop();
    });

    it('creates, describes, updates, lists by page and deletes', async () => {
      const created = await s.idp.send(new CreateResourceServerCommand({
        UserPoolId: poolId, Identifier: 'orders', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }],
      }));
      assert.deepEqual(created.ResourceServer, { UserPoolId: poolId, Identifier: 'orders', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] });
      const bare = await s.idp.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://b.example.com', Name: 'b' }));
      assert.deepEqual(bare.ResourceServer!.Scopes, []);
      await s.idp.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'c', Name: 'c' }));
      const described = await s.idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders' }));
      assert.deepEqual(described.ResourceServer, created.ResourceServer);
      const updated = await s.idp.send(new UpdateResourceServerCommand({
        UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'write', ScopeDescription: 'Write orders' }],
      }));
      assert.deepEqual(updated.ResourceServer!.Scopes, [{ ScopeName: 'write', ScopeDescription: 'Write orders' }]);
      assert.equal(updated.ResourceServer!.Name, 'Orders');
      const p1 = await s.idp.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 2 }));
      assert.deepEqual(p1.ResourceServers!.map((r) => r.Identifier), ['c', 'https://b.example.com']);
      assert.ok(p1.NextToken);
      const p2 = await s.idp.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 2, NextToken: p1.NextToken }));
      assert.deepEqual(p2.ResourceServers!.map((r) => r.Identifier), ['orders']);
      assert.equal(p2.NextToken, undefined);
      await s.idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'c' }));
      const gone = await failure(s.idp.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'c' })));
      assert.equal(gone.name, 'ResourceNotFoundException');
    });

    it('refuses duplicates, bad names, unknown pools and servers, and the 26th server', async () => {
      const dup = await failure(s.idp.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'again' })));
      assert.equal(dup.name, 'InvalidParameterException');
      const slash = await failure(s.idp.send(new CreateResourceServerCommand({
        UserPoolId: poolId, Identifier: 'x', Name: 'x', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'd' }],
      })));
      assert.equal(slash.name, 'InvalidParameterException');
      assert.match(slash.message, /scopeName/i);
      const twice = await failure(s.idp.send(new CreateResourceServerCommand({
        UserPoolId: poolId, Identifier: 'x', Name: 'x', Scopes: [{ ScopeName: 'a', ScopeDescription: 'd' }, { ScopeName: 'a', ScopeDescription: 'e' }],
      })));
      assert.equal(twice.name, 'InvalidParameterException');
      const badName = await failure(s.idp.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'y', Name: 'no<html>' })));
      assert.match(badName.message, /\bname\b/i);
      const noPool = await failure(s.idp.send(new ListResourceServersCommand({ UserPoolId: 'us-east-1_nothere0', MaxResults: 5 })));
      assert.equal(noPool.name, 'ResourceNotFoundException');
      const noServer = await failure(s.idp.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'nope', Name: 'n' })));
      assert.equal(noServer.name, 'ResourceNotFoundException');
      const other = await createPool(s.idp);
      for (let i = 0; i < 25; i++) await s.idp.send(new CreateResourceServerCommand({ UserPoolId: other, Identifier: `rs${i}`, Name: 'n' }));
      const over = await failure(s.idp.send(new CreateResourceServerCommand({ UserPoolId: other, Identifier: 'rs25', Name: 'n' })));
      assert.equal(over.name, 'LimitExceededException');
    });

    it('lets a client list a custom scope only while it exists, and stops granting a deleted one', async () => {
      const oauth = { GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials' as const] };
      const early = await failure(createClient(s.idp, poolId, { ...oauth, AllowedOAuthScopes: ['inventory/read'] }));
      assert.equal(early.name, 'ScopeDoesNotExistException');
      await s.idp.send(new CreateResourceServerCommand({
        UserPoolId: poolId, Identifier: 'inventory', Name: 'inv',
        Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'count', ScopeDescription: 'c' }],
      }));
      const c = await createClient(s.idp, poolId, { ...oauth, AllowedOAuthScopes: ['inventory/read', 'inventory/count'] });
      const wrongScope = await failure(s.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.id, ...oauth, AllowedOAuthScopes: ['inventory/write'] })));
      assert.equal(wrongScope.name, 'ScopeDoesNotExistException');
      const auth = { authorization: basic(c.id, c.secret!) };
      const before = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, auth);
      assert.equal(jwtClaims(before.body.access_token).scope, 'inventory/read inventory/count');
      await s.idp.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'inventory', Name: 'inv', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
      const after = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, auth);
      assert.equal(jwtClaims(after.body.access_token).scope, 'inventory/read');
      await s.idp.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'inventory' }));
      const none = await formPost(s, '/oauth2/token', { grant_type: 'client_credentials' }, auth);
      assert.equal(none.body.error, 'invalid_scope');
    });
  });
}
