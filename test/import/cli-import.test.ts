/**
 * `cognate users import --pool <id> <file.csv>` as a separate process on a running node's data: the users are
 * served by the node at once (ListUsers with a prefix filter, AdminGetUser), duplicates are skipped, bad rows and
 * alias clashes are reported with line and reason. SQLite only: the CLI reaches PostgreSQL through
 * COGNATE_DATABASE_URL and cannot address the per-test schema; the importer it runs is covered on both dialects
 * by import-jobs.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminCreateUserCommand, AdminGetUserCommand, GetCSVHeaderCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { attrMap, createPool } from '../users/fixtures.js';
import { csvLine } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { env: { ...process.env, ...env }, cwd: root }, (e, stdout, stderr) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('cognate users import (sqlite)', () => {
  let s: TestServer;
  const masterKey = randomBytes(32).toString('base64');
  let env: Record<string, string>;
  before(async () => {
    s = await startTestServer('sqlite', { masterKey });
    env = { COGNATE_DATA_DIR: s.dataDir, COGNATE_MASTER_KEY: masterKey, COGNATE_DATABASE_URL: '', COGNATE_LOG_LEVEL: 'silent' };
  });
  after(() => s.stop());

  it('imports a file into a pool a running node serves; skips duplicates, reports bad rows and alias clashes', async () => {
    const poolId = await createPool(s, { AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    await s.idp.send(new AdminCreateUserCommand({
      UserPoolId: poolId, Username: 'owner', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'taken@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    const header = (await s.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader!;
    const row = (v: Record<string, string>) => csvLine(header.map((h) => v[h] ?? ''));
    const lines = [csvLine(header)];
    for (let i = 0; i < 25; i++) {
      lines.push(row({ 'cognito:username': `cli-user-${String(i).padStart(2, '0')}`, email: `cli${i}@example.com`, email_verified: 'true', family_name: `Family ${i}`, 'cognito:mfa_enabled': 'false' }));
    }
    lines.push(row({ 'cognito:username': 'cli-user-03', email: 'again@example.com', email_verified: 'true' }));
    lines.push(row({ 'cognito:username': 'owner', email: 'owner2@example.com', email_verified: 'true' }));
    lines.push(row({ 'cognito:username': 'thief', email: 'taken@example.com', email_verified: 'true' }));
    lines.push(row({ 'cognito:username': 'bad-phone', phone_number: '555', phone_number_verified: 'true' }));
    const file = path.join(s.dataDir, 'users.csv');
    writeFileSync(file, lines.join('\n') + '\n');

    const r = await cli(['users', 'import', '--pool', poolId, '--batch', '10', file], env);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /imported 25, skipped 2 \(already exist\), failed 2 into /);
    assert.match(r.err, /line 29 \(thief\): An account with the given email already exists\./);
    assert.match(r.err, /line 30 \(bad-phone\): phone_number: Invalid phone number format\./);

    const listed = await s.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "cli-user-1"' }));
    assert.deepEqual(listed.Users!.map((u) => u.Username).sort(), Array.from({ length: 10 }, (_, i) => `cli-user-1${i}`));
    const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'cli-user-07' }));
    assert.equal(u.UserStatus, 'RESET_REQUIRED');
    assert.equal(attrMap(u.UserAttributes).family_name, 'Family 7');
    const owner = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'owner' }));
    assert.equal(attrMap(owner.UserAttributes).email, 'taken@example.com', 'the existing user keeps its e-mail alias');
    assert.equal((await s.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "thief"' }))).Users!.length, 0, 'the clashing row left nothing behind');
  });

  it('fails with a message for an unknown pool or a header that does not fit the pool', async () => {
    const file = path.join(s.dataDir, 'bad.csv');
    writeFileSync(file, 'cognito:username,shoe_size\nx,42\n');
    const unknown = await cli(['users', 'import', '--pool', 'us-east-1_nope', file], env);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.err, /User pool us-east-1_nope does not exist/);
    const poolId = await createPool(s);
    const bad = await cli(['users', 'import', '--pool', poolId, file], env);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /columns this user pool does not know: shoe_size/);
  });
});
