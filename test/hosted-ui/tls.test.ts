/**
 * The hosted UI's TLS listener: without configured certificate files Cognate makes a local CA in the data dir
 * and a server certificate for localhost and `*.{authBaseDomain}` that verifies against that CA (checked with
 * node's TLS stack, no verification switched off); the pages answer over it with `Secure` cookies, a prefix
 * domain answers by SNI/Host name, and a restart keeps the same CA (so trusting it once is enough).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { authorizeUrl, confirmedUser, hostedPool, type HostedPool } from './fixtures.js';

function get(url: string, ca: string, servername: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = https.get({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, ca, servername, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

describe('hosted UI over TLS with the local CA (sqlite)', () => {
  let s: TestServer;
  let p: HostedPool;
  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_TLS_PORT: '0' } });
    p = await hostedPool(s);
    await confirmedUser(s, p.poolId, 'alice');
  });
  after(() => s.stop());

  it('serves the login page over a certificate that verifies against the local CA, with Secure cookies', async () => {
    assert.ok(s.tlsUrl, 'the TLS listener is up');
    const ca = readFileSync(path.join(s.dataDir, 'tls', 'ca.pem'), 'utf8');
    const authorize = await get(authorizeUrl(s.tlsUrl!, p.clientId), ca, 'localhost');
    assert.equal(authorize.status, 302);
    const login = await get(`${s.tlsUrl}${authorize.headers.location}`, ca, 'localhost');
    assert.equal(login.status, 200);
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    assert.ok(cookies.length > 0 && cookies.every((c) => /; Secure/.test(c) && /HttpOnly/.test(c) && /SameSite=Lax/.test(c)), cookies.join(' | '));
    // A prefix domain's host name is covered by the wildcard and resolves the pool from the Host header.
    const byHost = await get(`${s.tlsUrl}/login?${new URL(authorizeUrl('http://x', p.clientId)).searchParams}`, ca, `${p.domain}.auth.localhost`, `${p.domain}.auth.localhost`);
    assert.equal(byHost.status, 200);
    // A certificate for another name is not accepted: verification is really on.
    await assert.rejects(get(`${s.tlsUrl}/health`, ca, 'example.com'), /altnames|hostname|certificate/i);
  });

  it('keeps the same CA across a restart', async () => {
    const before = readFileSync(path.join(s.dataDir, 'tls', 'ca.pem'), 'utf8');
    s = await s.restart();
    assert.equal(readFileSync(path.join(s.dataDir, 'tls', 'ca.pem'), 'utf8'), before);
    const r = await get(`${s.tlsUrl}/health`, before, 'localhost');
    assert.equal(r.status, 200);
  });
});
