/**
 * Threat: a power cut or `kill -9` in the middle of writes. The built CLI runs as a child process under a
 * sign-up + AdminSetUserPassword load and is SIGKILLed mid-load; after a restart on the same data every
 * operation the client saw succeed must be there and usable, and no row may be half-written (a user without
 * its sub, unparsable attributes, a password hash without its SRP verifier) — on SQLite and on PostgreSQL.
 * (`npm test` builds first; run `npm run build` before running this file alone.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  SignUpCommand,
  AdminSetUserPasswordCommand,
  AdminGetUserCommand,
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, DIALECTS, PG_URL, idpClient } from '../helpers/server.js';
import { openStore } from '../../src/store/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'dist/cli/main.js');
const P1 = 'Crash-Passw0rd!one';
const P2 = 'Crash-Passw0rd!two';
const STATUSES = new Set(['UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED', 'ARCHIVED', 'COMPROMISED', 'EXTERNAL_PROVIDER', 'UNKNOWN']);

function startCli(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      // A child left running would keep this test file alive forever.
      child.kill('SIGKILL');
      reject(new Error(`no start within 120 s:\n${out}`));
    }, 120_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

for (const dialect of DIALECTS) {
  describe(`crash safety (${dialect})`, () => {
    let dir: string;
    let env: Record<string, string>;
    let dbName: string | undefined;
    let child: ChildProcess | undefined;

    before(async () => {
      assert.ok(existsSync(bin), 'dist/cli/main.js is missing: run npm run build');
      dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-crash-'));
      env = {
        COGNATE_DATA_DIR: dir,
        COGNATE_PORT: '0',
        COGNATE_LOG_LEVEL: 'warn',
        COGNATE_MASTER_KEY: randomBytes(32).toString('base64'),
        COGNATE_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId,
        COGNATE_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
        COGNATE_DATABASE_URL: '',
      };
      if (dialect === 'postgres') {
        dbName = `crash_${randomBytes(5).toString('hex')}`;
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`create database ${dbName}`);
        await c.end();
        const u = new URL(PG_URL);
        u.pathname = `/${dbName}`;
        env.COGNATE_DATABASE_URL = u.toString();
      }
    });

    after(async () => {
      if (child) {
        child.kill('SIGKILL');
        await exited(child);
      }
      rmSync(dir, { recursive: true, force: true });
      if (dbName) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop database if exists ${dbName} with (force)`);
        await c.end();
      }
    });

    it('kill -9 under a sign-up + AdminSetUserPassword load loses nothing acknowledged and leaves no half-written row', async () => {
      const first = await startCli(env);
      child = first.child;
      let idp = idpClient(first.url);
      const pool = await idp.send(new CreateUserPoolCommand({ PoolName: 'crash' }));
      const poolId = pool.UserPool!.Id!;
      const client = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
      const clientId = client.UserPoolClient!.ClientId!;

      // The load: each worker signs a user up, then sets a permanent password; we note each acknowledged step.
      const signedUp = new Map<string, string>(); // username → sub the client was told
      const passwordSet = new Set<string>();
      let n = 0;
      let killed = false;
      const worker = async () => {
        while (!killed) {
          const username = `crash-${n++}`;
          try {
            const out = await idp.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: P1 }));
            signedUp.set(username, out.UserSub!);
            await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: P2, Permanent: true }));
            passwordSet.add(username);
          } catch (e) {
            if (!killed) throw e;
          }
        }
      };
      const load = Promise.all(Array.from({ length: 8 }, worker));
      // Kill once a good number of writes are acknowledged (bounded in time).
      const deadline = Date.now() + 6_000;
      while (passwordSet.size < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      killed = true;
      first.child.kill('SIGKILL');
      await exited(first.child);
      await load;
      idp.destroy();
      assert.ok(signedUp.size >= 5, `only ${signedUp.size} sign-ups were acknowledged before the kill`);

      const second = await startCli(env);
      child = second.child;
      idp = idpClient(second.url);
      try {
        const check = async ([username, sub]: [string, string]) => {
          const u = await idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
          assert.equal(u.UserAttributes?.find((a) => a.Name === 'sub')?.Value, sub, `${username}: sub`);
          if (passwordSet.has(username)) {
            assert.equal(u.UserStatus, 'CONFIRMED', `${username}: status after an acknowledged permanent password`);
          } else if (u.UserStatus === 'UNCONFIRMED') {
            await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: username }));
          }
          // Acknowledged password → that password works; otherwise one of the two must (the second may have landed unseen).
          const tries = passwordSet.has(username) ? [P2] : [P1, P2];
          let ok = false;
          for (const password of tries) {
            try {
              const r = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
              ok = !!r.AuthenticationResult?.AccessToken;
              if (ok) break;
            } catch (e) {
              if ((e as Error).name !== 'NotAuthorizedException') throw e;
            }
          }
          assert.ok(ok, `${username}: cannot sign in after the restart`);
        };
        const todo = [...signedUp];
        await Promise.all(Array.from({ length: 4 }, async () => {
          for (let next = todo.shift(); next; next = todo.shift()) await check(next);
        }));
      } finally {
        idp.destroy();
      }

      // Every row, acknowledged or caught mid-write, is whole.
      const store = openStore({ databaseUrl: env.COGNATE_DATABASE_URL || undefined, dataDir: dir });
      try {
        const rows = await store.db.selectFrom('users').selectAll().where('pool_id', '=', poolId).execute();
        assert.ok(rows.length >= signedUp.size);
        for (const r of rows) {
          assert.match(r.sub, /^[0-9a-f-]{36}$/, `${r.username}: sub`);
          assert.ok(STATUSES.has(r.status), `${r.username}: status ${r.status}`);
          assert.equal(typeof JSON.parse(r.attributes), 'object', `${r.username}: attributes`);
          assert.equal(typeof JSON.parse(r.mfa), 'object', `${r.username}: mfa`);
          assert.equal(r.password_hash === null, r.srp_enc === null, `${r.username}: password hash and SRP verifier are written together`);
        }
      } finally {
        await store.close();
      }
      second.child.kill('SIGTERM');
      await exited(second.child);
      child = undefined;
    });
  });
}
