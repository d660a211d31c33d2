/**
 * The built `cognate` CLI, started the way the README says, as a child process: first start prints an admin
 * key that works, SIGTERM shuts down cleanly, keys are managed from the command line, data survives restarts.
 * (`npm test` builds first; run `npm run build` before running this file alone.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { idpClient } from '../helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'dist/cli/main.js');

function startCli(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no start within 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        setTimeout(() => resolve(m[1]), 50);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

describe('cognate CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    assert.ok(existsSync(bin), 'dist/cli/main.js is missing: run npm run build');
    dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-cli-'));
    env = { COGNATE_DATA_DIR: dir, COGNATE_PORT: '0', COGNATE_LOG_LEVEL: 'warn', COGNATE_DATABASE_URL: '' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists the commands', () => {
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    for (const cmd of ['start', 'migrate', 'keys']) assert.match(help, new RegExp(`\\b${cmd}\\b`));
  });

  it('first start prints a working admin key once; SIGTERM exits cleanly; a restart keeps the data', async () => {
    const first = startCli(env);
    const url = await first.ready;
    await new Promise((r) => setTimeout(r, 100));
    const id = /AWS_ACCESS_KEY_ID=(\S+)/.exec(first.output())?.[1];
    const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(first.output())?.[1];
    assert.ok(id && secret, first.output());
    const out = await idpClient(url, { accessKeyId: id, secretAccessKey: secret }).send(new ListUserPoolsCommand({ MaxResults: 5 }));
    assert.deepEqual(out.UserPools, []);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);

    const second = startCli(env);
    const url2 = await second.ready;
    assert.doesNotMatch(second.output(), /AWS_SECRET_ACCESS_KEY=/);
    await idpClient(url2, { accessKeyId: id, secretAccessKey: secret }).send(new ListUserPoolsCommand({ MaxResults: 5 }));
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);

    const list = execFileSync(process.execPath, [bin, 'keys', 'list'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.match(list, new RegExp(id));
    assert.doesNotMatch(list, new RegExp(secret.replace(/[+/]/g, '.')));
  });

  it('keys create / delete and migrate', () => {
    const run = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const created = run('keys', 'create', '--description', 'ci');
    const id = /AWS_ACCESS_KEY_ID=(\S+)/.exec(created)?.[1];
    assert.ok(id);
    assert.match(run('keys', 'list'), /ci/);
    assert.match(run('keys', 'delete', id), /deleted/);
    assert.doesNotMatch(run('keys', 'list'), new RegExp(id));
    assert.match(run('migrate'), /up to date/);
  });

  it('a bad setting stops start with a message naming it', async () => {
    const bad = startCli({ ...env, COGNATE_PORT: 'eighty' });
    await assert.rejects(bad.ready, /COGNATE_PORT/);
  });
});
