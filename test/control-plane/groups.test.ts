/**
 * Groups through the real SDK: create/get/update/delete/list, GroupExistsException, validation of Precedence and
 * RoleArn, keyset paging, memberships removed with the group, and survival across a restart.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand,
  CreateGroupCommand,
  GetGroupCommand,
  UpdateGroupCommand,
  DeleteGroupCommand,
  ListGroupsCommand,
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

const ROLE = 'arn:aws:iam::000000000000:role/readers';

for (const dialect of DIALECTS) {
  describe(`groups (${dialect})`, () => {
    let s: TestServer;
    let poolId: string;
    before(async () => {
      s = await startTestServer(dialect);
      poolId = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'groups' }))).UserPool!.Id!;
    });
    after(() => s.stop());

    it('creates, gets, updates only the given members, and deletes a group', async () => {
      const g = (await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Description: 'can read', RoleArn: ROLE, Precedence: 2 }))).Group!;
      assert.equal(g.GroupName, 'readers');
      assert.equal(g.UserPoolId, poolId);
      assert.equal(g.Description, 'can read');
      assert.equal(g.RoleArn, ROLE);
      assert.equal(g.Precedence, 2);
      assert.ok(g.CreationDate instanceof Date && g.LastModifiedDate instanceof Date);
      assert.deepEqual((await s.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }))).Group, g);
      s.clock.advance(2_000);
      const u = (await s.idp.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'readers', Precedence: 0 }))).Group!;
      assert.equal(u.Precedence, 0);
      assert.equal(u.Description, 'can read');
      assert.equal(u.RoleArn, ROLE);
      assert.equal(u.CreationDate!.getTime(), g.CreationDate!.getTime());
      assert.ok(u.LastModifiedDate!.getTime() > g.LastModifiedDate!.getTime());
      await s.idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'readers' }));
      await rejects(s.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'readers' })), 'ResourceNotFoundException', 'Group not found.');
    });

    it('a bare group omits the optional members', async () => {
      const g = (await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'bare' }))).Group!;
      assert.equal(g.Description, undefined);
      assert.equal(g.RoleArn, undefined);
      assert.equal(g.Precedence, undefined);
    });

    it('a duplicate name is GroupExistsException', async () => {
      await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'twice' }));
      await rejects(s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'twice' })), 'GroupExistsException', 'A group with the name twice already exists.');
    });

    it('refuses invalid members and unknown pools or groups', async () => {
      await rejects(s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'neg', Precedence: -1 })), 'InvalidParameterException', /precedence/);
      await rejects(s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'bad-role', RoleArn: 'not-an-arn-at-all-really' })), 'InvalidParameterException', /roleArn/);
      await rejects(s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: '' })), 'InvalidParameterException', /groupName/);
      await rejects(s.idp.send(new CreateGroupCommand({ UserPoolId: 'us-east-1_nothere00', GroupName: 'x' })), 'ResourceNotFoundException', 'User pool us-east-1_nothere00 does not exist.');
      await rejects(s.idp.send(new GetGroupCommand({ UserPoolId: 'us-east-1_nothere00', GroupName: 'x' })), 'ResourceNotFoundException', /User pool/);
      await rejects(s.idp.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'ghost' })), 'ResourceNotFoundException', 'Group not found.');
      await rejects(s.idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'ghost' })), 'ResourceNotFoundException', 'Group not found.');
      await rejects(s.idp.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_nothere00' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 61 })), 'InvalidParameterException', /limit/);
    });

    it('ListGroups pages by NextToken in name order', async () => {
      const p = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'paging' }))).UserPool!.Id!;
      const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];
      for (const n of names) await s.idp.send(new CreateGroupCommand({ UserPoolId: p, GroupName: n }));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const out = await s.idp.send(new ListGroupsCommand({ UserPoolId: p, Limit: 2, NextToken: token }));
        assert.ok(out.Groups!.length <= 2);
        seen.push(...out.Groups!.map((g) => g.GroupName!));
        token = out.NextToken;
      } while (token);
      assert.deepEqual(seen, [...names].sort());
      const all = await s.idp.send(new ListGroupsCommand({ UserPoolId: p }));
      assert.equal(all.Groups!.length, 5);
      assert.equal(all.NextToken, undefined);
    });

    it('deleting a group removes its memberships', async () => {
      await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'members' }));
      await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'stays' }));
      const now = Date.now();
      await s.svc.db
        .insertInto('group_members')
        .values([
          { pool_id: poolId, group_name: 'members', username_key: 'u1', created_at: now },
          { pool_id: poolId, group_name: 'members', username_key: 'u2', created_at: now },
          { pool_id: poolId, group_name: 'stays', username_key: 'u1', created_at: now },
        ])
        .execute();
      await s.idp.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'members' }));
      const left = await s.svc.db.selectFrom('group_members').select(['group_name', 'username_key']).where('pool_id', '=', poolId).execute();
      assert.deepEqual(left, [{ group_name: 'stays', username_key: 'u1' }]);
    });

    it('groups survive a restart', async () => {
      await s.idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'durable', Precedence: 7 }));
      s = await s.restart();
      assert.equal((await s.idp.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'durable' }))).Group!.Precedence, 7);
    });
  });
}
