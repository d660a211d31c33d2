/**
 * `cognate keys rotate-signing --pool <id>` run as a separate process against a running node's data: the node
 * honours the rotation within seconds (new current kid, previous key still published). SQLite only: the CLI
 * reaches PostgreSQL through COGNATE_DATABASE_URL and cannot address the per-test schema; the rotation itself is
 * covered on both dialects in keys.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { env: { ...process.env, ...env }, cwd: root }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('cognate keys rotate-signing (sqlite)', () => {
  let s: TestServer;
  const masterKey = randomBytes(32).toString('base64');
  let env: Record<string, string>;
  before(async () => {
    s = await startTestServer('sqlite', { masterKey });
    env = { COGNATE_DATA_DIR: s.dataDir, COGNATE_MASTER_KEY: masterKey, COGNATE_DATABASE_URL: '', COGNATE_LOG_LEVEL: 'silent' };
  });
  after(() => s.stop());

  it('rotates a pool\'s keys and a running node follows', async () => {
    const poolId = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'rotate' }))).UserPool!.Id!;
    const jwks = async () => (await (await fetch(`${s.url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const before = (await jwks()).keys.map((k) => k.kid);
    assert.equal(before.length, 4);
    const r = await cli(['keys', 'rotate-signing', '--pool', poolId], env);
    assert.equal(r.code, 0, r.out);
    const idKid = /current id-token kid:\s+(\S+)/.exec(r.out)?.[1];
    const accessKid = /current access-token kid:\s+(\S+)/.exec(r.out)?.[1];
    assert.ok(idKid && accessKid, r.out);
    assert.ok(before.includes(idKid) && before.includes(accessKid), 'the promoted keys were published before the rotation');
    assert.doesNotMatch(r.out, /PRIVATE|"d"/);
    s.clock.advance(6_000);
    const after = (await jwks()).keys.map((k) => k.kid);
    assert.equal(after.length, 6);
    for (const kid of before) assert.ok(after.includes(kid), 'keys of the last generation stay published');
  });

  it('fails with a message for an unknown pool', async () => {
    const r = await cli(['keys', 'rotate-signing', '--pool', 'us-east-1_nope'], env);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /User pool us-east-1_nope does not exist/);
  });
});
