/**
 * ListUsers under a filter pages in (attribute value, username) order — the order of the per-attribute index, so
 * a broad `^=` prefix on a large pool is read as one short index range per page instead of sorting every match.
 * Checked here on a small pool (filled through an import job, as a migrating customer would): every matching user
 * comes exactly once across pages of 60 and of 4, ties on the value break by username, a user added behind the
 * cursor is still reached, and a token only continues the listing it came from.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand, CreateUserImportJobCommand, GetCSVHeaderCommand, ListUsersCommand, StartUserImportJobCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { csvLine, upload, waitForJob } from '../import/fixtures.js';
import { admin, attrMap, attrs, createPool, failure } from './fixtures.js';
import { prefixEnd } from '../../src/store/users-repo.js';

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';
const FAMILIES = ['Berg', 'Bergmann', 'Bergström', 'Berger', 'Brandt', 'Adler', ''];
const USERS = 150;

/** Code-point order, which for these (BMP, no surrogates) strings is the byte order of their UTF-8. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('prefix ranges', () => {
  it('the upper bound of a prefix is the least string above all its extensions', () => {
    assert.equal(prefixEnd('user12'), 'user13');
    assert.equal(prefixEnd('Bergstr\u00f6'), 'Bergstr\u00f7');
    assert.equal(prefixEnd('ab\u{10FFFF}'), 'ac', 'a trailing U+10FFFF cannot be raised: the one before it is');
    assert.equal(prefixEnd('\u{D7FF}'), '\u{E000}', 'surrogates are not characters');
    assert.equal(prefixEnd('x\u{1F600}'), 'x\u{1F601}', 'astral characters count as one');
    assert.equal(prefixEnd(''), undefined);
    assert.equal(prefixEnd('\u{10FFFF}\u{10FFFF}'), undefined);
  });
});

for (const d of DIALECTS) {
  describe(`ListUsers order and pagination under a filter (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, { AutoVerifiedAttributes: ['email'] });
      const header = (await s.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader!;
      const lines = [csvLine(header)];
      // Usernames in reverse of their e-mail order, so attribute order and username order disagree.
      for (let i = 0; i < USERS; i++) {
        const v: Record<string, string> = {
          'cognito:username': `u${String(USERS - i).padStart(3, '0')}`,
          email: `user${i}@example.com`,
          email_verified: 'true',
          family_name: FAMILIES[i % FAMILIES.length]!,
          'cognito:mfa_enabled': 'false',
        };
        lines.push(csvLine(header.map((h) => v[h] ?? '')));
      }
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'list order', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      assert.equal((await upload(job.PreSignedUrl!, lines.join('\n'))).status, 200);
      await s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }));
      const done = await waitForJob(s, poolId, job.JobId!);
      assert.equal(done.ImportedUsers, USERS, JSON.stringify(done));
    });
    after(() => s.stop());

    const list = (input: Record<string, unknown>) => admin(s).send(new ListUsersCommand({ UserPoolId: poolId, ...input }));
    async function all(filter: string | undefined, limit?: number): Promise<{ users: UserType[]; pages: number[] }> {
      const users: UserType[] = [];
      const pages: number[] = [];
      let token: string | undefined;
      do {
        const r = await list({ Filter: filter, Limit: limit, PaginationToken: token });
        pages.push(r.Users?.length ?? 0);
        users.push(...(r.Users ?? []));
        token = r.PaginationToken;
      } while (token && pages.length < 100);
      return { users, pages };
    }
    const key = (u: UserType, attr: string) => [attrMap(u.Attributes)[attr] ?? '', u.Username!] as const;
    const sortedBy = (users: UserType[], attr: string) =>
      [...users].sort((a, b) => cmp(key(a, attr)[0], key(b, attr)[0]) || cmp(a.Username!, b.Username!)).map((u) => u.Username);

    it('a broad prefix comes in pages of 60 in (value, username) order, each user once', async () => {
      const everyone = (await all(undefined)).users;
      assert.equal(everyone.length, USERS);
      const { users, pages } = await all('email ^= "user"');
      assert.deepEqual(pages, [60, 60, 30]);
      assert.equal(new Set(users.map((u) => u.Username)).size, USERS, 'no user twice');
      assert.deepEqual(users.map((u) => u.Username), sortedBy(everyone, 'email'));
      assert.notDeepEqual(users.map((u) => u.Username), everyone.map((u) => u.Username), 'e-mail order is not username order here');
      assert.deepEqual(everyone.map((u) => u.Username), [...everyone.map((u) => u.Username!)].sort(cmp), 'unfiltered lists stay in username order');
    });

    it('ties on the value break by username across page boundaries (prefix and =)', async () => {
      const everyone = (await all(undefined)).users;
      const berg = everyone.filter((u) => (attrMap(u.Attributes).family_name ?? '').startsWith('Berg'));
      const { users, pages } = await all('family_name ^= "Berg"', 4);
      assert.ok(pages.length > 5 && pages.every((n) => n <= 4), String(pages));
      assert.deepEqual(users.map((u) => u.Username), sortedBy(berg, 'family_name'));
      assert.deepEqual(
        [...new Set(users.map((u) => attrMap(u.Attributes).family_name))],
        ['Berg', 'Berger', 'Bergmann', 'Bergström'],
        'byte order of the value, in both databases',
      );
      const umlaut = everyone.filter((u) => attrMap(u.Attributes).family_name === 'Bergström').map((u) => u.Username!).sort(cmp);
      assert.deepEqual((await all('family_name ^= "Bergstr\u00f6"')).users.map((u) => u.Username), umlaut);
      assert.deepEqual((await all('family_name ^= "Bergstr\u00f6m"')).users.map((u) => u.Username), umlaut);
      assert.deepEqual((await all('family_name ^= "Bergstr\u00f6mm"')).users, []);
      const exact = everyone.filter((u) => attrMap(u.Attributes).family_name === 'Berger');
      const eq = await all('family_name = "Berger"', 3);
      assert.deepEqual(eq.users.map((u) => u.Username), exact.map((u) => u.Username!).sort(cmp));
    });

    it('a user added behind the cursor is reached; one added before it is not repeated', async () => {
      const first = await list({ Filter: 'family_name ^= "Brandt"', Limit: 5 });
      assert.equal(first.Users?.length, 5);
      const lastName = first.Users![4]!.Username!;
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'zz-late', MessageAction: 'SUPPRESS', UserAttributes: attrs({ family_name: 'Brandt' }) }));
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'a-early', MessageAction: 'SUPPRESS', UserAttributes: attrs({ family_name: 'Brandt' }) }));
      const rest: string[] = [];
      let token = first.PaginationToken;
      while (token) {
        const r = await list({ Filter: 'family_name ^= "Brandt"', Limit: 5, PaginationToken: token });
        rest.push(...r.Users!.map((u) => u.Username!));
        token = r.PaginationToken;
      }
      assert.ok(rest.includes('zz-late'));
      assert.ok(!rest.includes('a-early'));
      assert.ok(rest.every((n) => cmp(n, lastName) > 0), 'the rest follows the cursor');
      assert.equal(rest.length + 5, (await all('family_name ^= "Brandt"')).users.length - 1);
    });

    it('a token continues only the listing it came from', async () => {
      const byEmail = await list({ Filter: 'email ^= "user1"', Limit: 2 });
      assert.ok(byEmail.PaginationToken);
      const plain = await list({ Limit: 2 });
      for (const [filter, token] of [
        ['family_name ^= "Berg"', byEmail.PaginationToken],
        [undefined, byEmail.PaginationToken],
        ['email ^= "user1"', plain.PaginationToken],
        ['email ^= "user1"', Buffer.from(`users:${poolId}:email\nnot json`).toString('base64url')],
      ] as const) {
        const e = await failure(list({ Filter: filter, Limit: 2, PaginationToken: token }));
        assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'Invalid pagination token.'], `${filter}`);
      }
      const next = await list({ Filter: 'email ^= "user1"', Limit: 2, PaginationToken: byEmail.PaginationToken });
      // Byte order: '0' (0x30) sorts before '@' (0x40), so user100@… and user101@… come before user10@….
      assert.deepEqual(byEmail.Users!.map((u) => attrMap(u.Attributes).email), ['user100@example.com', 'user101@example.com']);
      assert.deepEqual(next.Users!.map((u) => attrMap(u.Attributes).email), ['user102@example.com', 'user103@example.com']);
    });
  });
}
