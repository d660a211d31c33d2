/**
 * Threat: inputs the hostile-input property suites (test/evidence/hostile-*.test.ts) found to crash a request
 * or the server. Each test here pins one fix, with the smallest request that used to break it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertJsonAnswer, assertOAuthAnswer, assertPageAnswer, assertQueryAnswer, destroyAgents, send, sign } from '../evidence/hostile-kit.js';

describe('hostile-input regressions (sqlite)', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_REQUEST_TIMEOUT_MS: '2000', COGNATE_TLS_PORT: '0' } });
  });
  after(async () => {
    destroyAgents();
    await s?.stop();
  });

  it('query protocol: a field name nested thousands of levels deep is ignored, not a stack overflow (500)', async () => {
    const body = `Action=GetCallerIdentity&Version=2011-06-15&${Array.from({ length: 20_000 }, () => 'a').join('.')}=x`;
    const a = await send(s.url, { headers: await sign(s.url, { service: 'sts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }), body });
    assert.equal(assertQueryAnswer(a, 'sts', 'GetCallerIdentity with a deep field'), '2xx');
  });

  it('hosted UI: a form post the framework cannot read (bad Content-Type, body over the limit) gets an HTML error page, not AWS JSON', async () => {
    for (const [headers, body] of [
      [{ 'content-type': ';;;' }, 'username=x'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, `username=${'x'.repeat(2 * 1024 * 1024)}`],
    ] as const) {
      for (const path of ['/login', '/signup', '/domain/nope/confirm']) {
        const a = await send(s.url, { method: 'POST', path, headers, body });
        assertPageAnswer(a, `POST ${path} (${headers['content-type']}, ${body.length} bytes)`);
        assert.ok(a.status >= 400 && a.status < 500, `POST ${path}: ${a.status}`);
      }
    }
  });

  it('OAuth endpoints: a request the framework cannot read is an RFC 6749 invalid_request, not AWS JSON', async () => {
    for (const [headers, body] of [
      [{ 'content-type': ';;;' }, 'grant_type=client_credentials'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=${'x'.repeat(2 * 1024 * 1024)}`],
    ] as const) {
      for (const path of ['/oauth2/token', '/oauth2/revoke', '/oauth2/userInfo', '/domain/nope/oauth2/token']) {
        const a = await send(s.url, { method: 'POST', path, headers, body });
        assert.equal(assertOAuthAnswer(a, `POST ${path} (${headers['content-type']}, ${body.length} bytes)`), 'invalid_request');
      }
    }
  });

  it('user-import upload URL: an upload whose Content-Type does not parse is a 400, not a 500', async () => {
    for (const type of ['', ';;;']) {
      const a = await send(s.url, { method: 'PUT', path: '/_user-import/import-nope?token=x', headers: { 'content-type': type }, body: 'a,b\n' });
      assertJsonAnswer(a, 'cognito-idp', `PUT with Content-Type '${type}'`);
      assert.ok(a.status >= 400, `PUT with Content-Type '${type}': ${a.status}`);
    }
  });

  /** Resolves true when the server closes `sock` within 15 s. */
  const closedSoon = (sock: net.Socket) => {
    sock.resume(); // read whatever the server answers, so 'close' can follow its FIN
    return Promise.race([
      new Promise<boolean>((r) => sock.on('close', () => r(true))),
      new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref()),
    ]).finally(() => sock.destroy());
  };

  it('TLS listener: a stalled handshake and a slow-loris sender are cut off at the request timeout (were held 120 s / 30 s)', async () => {
    const u = new URL(s.tlsUrl!);
    const stalled = net.connect(Number(u.port), u.hostname, () => stalled.write('\x16\x03\x01\x02\x00\x01'));
    stalled.on('error', () => undefined);
    const slow = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => slow.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: a'));
    slow.on('error', () => undefined);
    const [a, b] = await Promise.all([closedSoon(stalled), closedSoon(slow)]);
    assert.ok(a, 'a TLS handshake that never finishes still held its socket after 15 s');
    assert.ok(b, 'a TLS request whose headers never finish still held its socket after 15 s');
  });

  it('user-import upload URL: a forged URL is refused at its headers, not after reading up to 100 MiB of body', async () => {
    const u = new URL(s.url);
    const total = 64 * 1024 * 1024;
    let sent = 0;
    const answer = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve) => {
      const req = http.request(
        { host: u.hostname, port: u.port, method: 'PUT', path: '/_user-import/import-nope?token=forged', headers: { 'content-length': String(total) }, agent: false },
        (res) => {
          resolve({ status: res.statusCode ?? 0, sentWhenAnswered: sent });
          res.resume();
        },
      );
      req.on('error', () => resolve({ status: -1, sentWhenAnswered: sent }));
      const chunk = Buffer.alloc(256 * 1024, 0x41);
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.ok(answer.status === 403 || answer.status === -1, `answered ${answer.status}`);
    assert.ok(answer.sentWhenAnswered < total, 'the server read the whole unauthorized upload before refusing it');
  });

  it('federation: an IdP response post the framework cannot read is an HTML error page, not AWS JSON', async () => {
    for (const path of ['/oauth2/idpresponse', '/domain/nope/oauth2/idpresponse']) {
      const a = await send(s.url, { method: 'POST', path, headers: { 'content-type': ';;;' }, body: 'state=x&code=y' });
      assertPageAnswer(a, `POST ${path} with Content-Type ';;;'`);
      assert.ok(a.status >= 400 && a.status < 500, `POST ${path}: ${a.status}`);
    }
  });

  it('development outbox: a filter parameter given twice is ignored, not a 500', async () => {
    for (const q of ['username=a&username=b', 'poolId=x&poolId=y', 'limit=1&limit=2']) {
      const a = await send(s.url, { method: 'GET', path: `/_dev/outbox?${q}` });
      assert.equal(a.status, 200, `GET /_dev/outbox?${q}: ${a.status} ${a.body.slice(0, 200)}`);
      assert.ok(Array.isArray((JSON.parse(a.body) as { messages: unknown }).messages));
    }
  });

  it('federation: a state cookie that is not valid percent-encoding is refused with an error page, not a 500', async () => {
    for (const value of ['%', '%E0%A4%A']) {
      const a = await send(s.url, { method: 'GET', path: '/oauth2/idpresponse?state=x&code=y', headers: { cookie: `cognate-federation=${value}` } });
      assertPageAnswer(a, `idpresponse with cookie value ${value}`);
      assert.ok(a.status >= 400 && a.status < 500, `cookie ${value}: ${a.status}`);
    }
  });
});
