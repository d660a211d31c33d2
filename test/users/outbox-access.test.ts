/**
 * Threat: the development outbox holds live codes and temporary passwords. It must answer only loopback
 * callers (and only in development mode, see delivery.test.ts); `cognate outbox` reads the same messages
 * from the command line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, attrs, createClient, createPool, lastCode } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('development outbox access', () => {
  let s: TestServer;
  let poolId: string;
  const masterKey = randomBytes(32).toString('base64');
  before(async () => {
    s = await startTestServer('sqlite', { masterKey });
    poolId = await createPool(s, { AutoVerifiedAttributes: ['email'] });
    const clientId = (await createClient(s, poolId)).id;
    await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'una', Password: PASSWORD, UserAttributes: attrs({ email: 'una@example.com' }) }));
  });
  after(() => s.stop());

  it('refuses non-loopback callers with 403 and serves loopback ones', async () => {
    const remote = await s.app.inject({ method: 'GET', url: `/_dev/outbox?poolId=${poolId}`, remoteAddress: '203.0.113.9' });
    assert.equal(remote.statusCode, 403);
    assert.ok(!remote.body.includes('una@example.com'));
    const local = await s.app.inject({ method: 'GET', url: `/_dev/outbox?poolId=${poolId}&username=una`, remoteAddress: '127.0.0.1' });
    assert.equal(local.statusCode, 200);
    const body = local.json() as { messages: { username: string; code: string; medium: string; destination: string; poolId: string }[] };
    assert.equal(body.messages.length, 1);
    assert.deepEqual(
      { username: body.messages[0].username, medium: body.messages[0].medium, destination: body.messages[0].destination, poolId: body.messages[0].poolId },
      { username: 'una', medium: 'EMAIL', destination: 'una@example.com', poolId },
    );
    assert.match(body.messages[0].code, /^\d{6}$/);
  });

  it('`cognate outbox` prints the messages with their codes', async () => {
    const code = await lastCode(s.url, poolId, 'una');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'outbox', '--pool', poolId, '--json'], {
      cwd: root,
      env: { ...process.env, COGNATE_DATA_DIR: s.dataDir, COGNATE_MASTER_KEY: masterKey, COGNATE_MODE: 'development', COGNATE_LOG_LEVEL: 'silent' },
    });
    const out = JSON.parse(stdout) as { messages: { code?: string; username: string }[] };
    assert.equal(out.messages[0].username, 'una');
    assert.equal(out.messages[0].code, code);
  });
});
