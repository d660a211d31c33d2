/**
 * ListUsers filters and keyset pagination, ListUsersInGroup, and group membership (add, remove, list,
 * precedence order) over the socket; the filter grammar also directly.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { admin, attrMap, attrs, createGroup, createPool, failure } from './fixtures.js';
import { parseFilter } from '../../src/users/filter.js';
import { groupsOfUser } from '../../src/users/lookup.js';

describe('ListUsers filter grammar', () => {
  it('parses =, ^=, escapes, status and user status', () => {
    assert.deepEqual(parseFilter('email = "a@b.c"'), { column: 'email', op: '=', value: 'a@b.c' });
    assert.deepEqual(parseFilter('given_name ^= "Jo"'), { column: 'given_name', op: '^=', value: 'Jo' });
    assert.deepEqual(parseFilter('name = "say \\"hi\\" \\\\ ok"'), { column: 'name', op: '=', value: 'say "hi" \\ ok' });
    assert.deepEqual(parseFilter('cognito:user_status = "unconfirmed"'), { column: 'status', op: '=', value: 'UNCONFIRMED' });
    assert.deepEqual(parseFilter('status = "Disabled"'), { column: 'enabled', op: '=', value: 0 });
    assert.equal(parseFilter('status = "disabled"'), 'none', 'status is case-sensitive');
    assert.equal(parseFilter(''), undefined);
    assert.equal(parseFilter(undefined), undefined);
    for (const bad of ['email = a@b.c', 'email == "x"', 'email = "x" and name = "y"', 'email = "unterminated']) {
      assert.throws(() => parseFilter(bad), (e: any) => e.type === 'InvalidParameterException' && e.message === 'Error while parsing filter.');
    }
    assert.throws(() => parseFilter('custom:tier = "1"'), (e: any) => e.type === 'InvalidParameterException');
  });
});

for (const d of DIALECTS) {
  describe(`ListUsers and groups (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    const names = ['anna', 'Anton', 'bert', 'bertha', 'carl', 'dora', 'emil', 'fritz', 'gus', 'hans', 'ida', 'jan'];
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, { Schema: [{ Name: 'tier', AttributeDataType: 'String' }] });
      for (const [i, n] of names.entries()) {
        await admin(s).send(new AdminCreateUserCommand({
          UserPoolId: poolId, Username: n, MessageAction: 'SUPPRESS',
          UserAttributes: attrs({ email: `${n.toLowerCase()}@${i % 2 ? 'odd' : 'even'}.example`, given_name: n === 'jan' ? 'Jan "JJ"' : n.toUpperCase(), 'custom:tier': String(i % 3) }),
        }));
      }
      await admin(s).send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'carl' }));
    });
    after(() => s.stop());

    const list = (input: Record<string, unknown>) => admin(s).send(new ListUsersCommand({ UserPoolId: poolId, ...input }));
    const usernames = (r: { Users?: { Username?: string }[] }) => (r.Users ?? []).map((u) => u.Username);

    it('pages through every user exactly once in username order', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const r = await list({ Limit: 5, PaginationToken: token });
        assert.ok((r.Users ?? []).length <= 5);
        seen.push(...(usernames(r) as string[]));
        token = r.PaginationToken;
        pages++;
      } while (token);
      assert.equal(pages, 3);
      assert.deepEqual(seen, [...names].sort());
      const all = await list({});
      assert.equal(all.Users?.length, names.length);
      assert.equal(all.PaginationToken, undefined);
      const u = all.Users!.find((x) => x.Username === 'anna')!;
      assert.equal(u.UserStatus, 'FORCE_CHANGE_PASSWORD');
      assert.equal(u.Enabled, true);
      assert.ok(u.UserCreateDate instanceof Date && u.UserLastModifiedDate instanceof Date);
      const bad = await failure(list({ PaginationToken: 'garbage' }));
      assert.equal(bad.name, 'InvalidParameterException');
      const big = await failure(list({ Limit: 61 }));
      assert.equal(big.name, 'InvalidParameterException');
    });

    it('filters by = and ^= on the searchable attributes', async () => {
      assert.deepEqual(usernames(await list({ Filter: 'email = "bert@odd.example"' })), []);
      assert.deepEqual(usernames(await list({ Filter: 'email = "bert@even.example"' })), ['bert']);
      assert.deepEqual(usernames(await list({ Filter: 'username ^= "bert"' })), ['bert', 'bertha']);
      assert.deepEqual(usernames(await list({ Filter: 'username ^= "an"' })), ['anna'], 'username prefix is case-sensitive');
      // A filtered list comes in (value, username) order (test/users/list-order.test.ts): ANNA before ANTON.
      assert.deepEqual(usernames(await list({ Filter: 'given_name ^= "AN"' })), ['anna', 'Anton']);
      assert.deepEqual(usernames(await list({ Filter: 'given_name = "Jan \\"JJ\\""' })), ['jan']);
      assert.deepEqual(usernames(await list({ Filter: 'email ^= "e"' })), ['emil']);
      assert.deepEqual(usernames(await list({ Filter: 'status = "Disabled"' })), ['carl']);
      assert.equal((await list({ Filter: 'status = "Enabled"' })).Users?.length, names.length - 1);
      assert.equal((await list({ Filter: 'cognito:user_status = "force_change_password"' })).Users?.length, names.length);
      assert.equal((await list({ Filter: 'cognito:user_status = "CONFIRMED"' })).Users?.length, 0);
      const fritz = (await list({ Filter: 'username = "fritz"' })).Users![0];
      const sub = attrMap(fritz.Attributes).sub;
      assert.deepEqual(usernames(await list({ Filter: `sub = "${sub}"` })), ['fritz']);
      const custom = await failure(list({ Filter: 'custom:tier = "1"' }));
      assert.equal(custom.name, 'InvalidParameterException');
      const parse = await failure(list({ Filter: 'email = bert' }));
      assert.deepEqual([parse.name, parse.message], ['InvalidParameterException', 'Error while parsing filter.']);
      // pagination under a filter
      const p1 = await list({ Filter: 'email ^= "" ', Limit: 7 });
      assert.equal(p1.Users?.length, 7);
      const p2 = await list({ Filter: 'email ^= "" ', Limit: 7, PaginationToken: p1.PaginationToken });
      assert.equal(p2.Users?.length, names.length - 7);
    });

    it('trims attributes with AttributesToGet', async () => {
      const r = await list({ Filter: 'username = "gus"', AttributesToGet: ['email'] });
      assert.deepEqual(r.Users![0].Attributes, [{ Name: 'email', Value: 'gus@even.example' }]);
    });

    it('group membership: add, list with precedence, list members, remove, limits and errors', async () => {
      await createGroup(s, poolId, 'admins', 1);
      await createGroup(s, poolId, 'staff', 5);
      await createGroup(s, poolId, 'all');
      for (const g of ['staff', 'admins', 'all']) await admin(s).send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'hans', GroupName: g }));
      await admin(s).send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'hans', GroupName: 'staff' }));
      for (const u of ['ida', 'anna', 'jan']) await admin(s).send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: u, GroupName: 'staff' }));
      const g1 = await admin(s).send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'hans', Limit: 2 }));
      assert.deepEqual(g1.Groups?.map((g) => g.GroupName), ['admins', 'all']);
      assert.equal(g1.Groups![0].Precedence, 1);
      assert.equal(g1.Groups![0].UserPoolId, poolId);
      assert.ok(g1.NextToken);
      const g2 = await admin(s).send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'hans', Limit: 2, NextToken: g1.NextToken }));
      assert.deepEqual(g2.Groups?.map((g) => g.GroupName), ['staff']);
      assert.equal(g2.NextToken, undefined);
      assert.deepEqual((await groupsOfUser(s.svc, poolId, 'hans')).map((g) => g.name), ['admins', 'staff', 'all'], 'precedence order');
      const m1 = await admin(s).send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff', Limit: 3 }));
      assert.deepEqual(usernames(m1), ['anna', 'hans', 'ida']);
      const m2 = await admin(s).send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff', Limit: 3, NextToken: m1.NextToken }));
      assert.deepEqual(usernames(m2), ['jan']);
      await admin(s).send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: 'hans', GroupName: 'staff' }));
      assert.deepEqual(usernames(await admin(s).send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }))), ['anna', 'ida', 'jan']);
      await admin(s).send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'jan' }));
      assert.deepEqual(usernames(await admin(s).send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'staff' }))), ['anna', 'ida'], 'deleting a user drops its memberships');
      const noGroup = await failure(admin(s).send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'hans', GroupName: 'nope' })));
      assert.deepEqual([noGroup.name, noGroup.message], ['ResourceNotFoundException', 'Group not found.']);
      const noUser = await failure(admin(s).send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'nobody', GroupName: 'staff' })));
      assert.deepEqual([noUser.name, noUser.message], ['UserNotFoundException', 'User does not exist.']);
      const noGroupList = await failure(admin(s).send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'nope' })));
      assert.equal(noGroupList.name, 'ResourceNotFoundException');
    });
  });
}
