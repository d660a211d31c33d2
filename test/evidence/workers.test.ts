/**
 * `cognate start --workers N` (node:cluster) is one service on one port: writes from all workers land in the
 * one database without lost or failed requests (SQLite is shared by several processes here), a worker killed
 * with SIGKILL is replaced while the others keep serving, and SIGTERM on the primary stops everything cleanly.
 * (`npm test` builds first; run `npm run build` before running this file alone.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  SignUpCommand,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, idpClient } from '../helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'dist/cli/main.js');

const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

describe('cognate start --workers 2', () => {
  let dir: string;
  let primary: ChildProcess;
  let url: string;
  let out = '';
  let exited: Promise<number | null>;

  before(async () => {
    assert.ok(existsSync(bin), 'dist/cli/main.js is missing: run npm run build');
    dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-workers-'));
    primary = spawn(process.execPath, [bin, 'start', '--workers', '2'], {
      env: {
        ...process.env,
        COGNATE_DATA_DIR: dir,
        COGNATE_PORT: '0',
        COGNATE_LOG_LEVEL: 'warn',
        COGNATE_DATABASE_URL: '',
        COGNATE_MASTER_KEY: randomBytes(32).toString('base64'),
        COGNATE_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId,
        COGNATE_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.stdout!.on('data', (d) => (out += d));
    primary.stderr!.on('data', (d) => (out += d));
    url = await new Promise<string>((resolve, reject) => {
      // Every way out clears both timers: a live interval would keep this test file running forever.
      const fail = (err: Error) => {
        clearTimeout(t);
        clearInterval(tick);
        primary.kill('SIGKILL');
        reject(err);
      };
      const t = setTimeout(() => fail(new Error(`no start within 120 s:\n${out}`)), 120_000);
      const tick = setInterval(() => {
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(t);
          clearInterval(tick);
          resolve(m[1]!);
        }
      }, 20);
      primary.once('exit', (code) => fail(new Error(`exited ${code}:\n${out}`)));
    });
  });

  after(() => {
    if (primary.exitCode === null && primary.signalCode === null) primary.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces the worker count once and runs two worker processes', () => {
    assert.match(out, /listening on http:\/\/\S+ \(.*workers: 2\)/);
    assert.equal(out.match(/listening on/g)?.length, 1);
    assert.equal(childrenOf(primary.pid!).length, 2);
  });

  it('concurrent sign-ups through both workers all land in the shared database', async () => {
    const idp = idpClient(url);
    try {
      const pool = await idp.send(new CreateUserPoolCommand({ PoolName: 'workers' }));
      const poolId = pool.UserPool!.Id!;
      const client = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c' }));
      const names = Array.from({ length: 24 }, (_, i) => `w-${i}`);
      // Separate SDK clients open separate connections, which the primary spreads over the workers.
      const clients = Array.from({ length: 6 }, () => idpClient(url));
      try {
        await Promise.all(
          names.map((n, i) => clients[i % clients.length]!.send(new SignUpCommand({ ClientId: client.UserPoolClient!.ClientId!, Username: n, Password: 'Workers-Passw0rd!' }))),
        );
      } finally {
        for (const c of clients) c.destroy();
      }
      const users: UserType[] = [];
      let token: string | undefined;
      do {
        const page = await idp.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }));
        users.push(...(page.Users ?? []));
        token = page.PaginationToken;
      } while (token);
      assert.deepEqual(users.map((u) => u.Username).sort(), [...names].sort());
    } finally {
      idp.destroy();
    }
  });

  it('a worker killed with SIGKILL is replaced and the service keeps answering', async () => {
    const [victim] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    // A connection the primary hands to the dying worker in the instant before it sees the exit is lost (a
    // node:cluster limitation); clients retry on their timeout. So wait for the replacement, then check service.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const now = childrenOf(primary.pid!);
      if (now.length === 2 && !now.includes(victim!)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const now = childrenOf(primary.pid!);
    assert.equal(now.length, 2, 'a replacement worker was started');
    assert.ok(!now.includes(victim!));
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status, 200);
  });

  it('SIGTERM on the primary stops the workers and exits 0', async () => {
    const workers = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    for (const pid of workers) assert.throws(() => process.kill(pid, 0), 'worker process is gone');
  });
});
