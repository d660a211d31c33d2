/**
 * Threat: a stranger sends garbage to every HTTP route Cognate serves besides the AWS APIs — the OAuth 2.0
 * endpoints, the hosted-UI pages and their CSRF-guarded forms, federation callbacks, discovery, branding assets,
 * the user-import upload URL — on the API listener and the TLS listener: random methods, hostile query strings
 * and form bodies, planted markup, forged cookies and Authorization headers, huge headers, framing that lies
 * (Content-Length mismatches), slow-loris senders, stalled TLS handshakes and oversize uploads. The routes are
 * read from Fastify's own route table, so a new route is fuzzed the day it lands. Never a 5xx, never a hang;
 * OAuth errors are RFC 6749 JSON or redirects, pages are HTML error pages without stack traces or unescaped
 * input, and everyone else keeps being served.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import fc from 'fast-check';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  MARKER, assertJsonAnswer, assertNoInternals, assertOAuthAnswer, assertPageAnswer, badAuthorization, badCookie, contentTypes, destroyAgents,
  fcParams, headerValue, hostileForm, hostileHeaders, raw, routesOf, send, SEED, type Answer, type Route,
} from './hostile-kit.js';

const CALLBACK = 'https://app.example/cb';
const OAUTH_PATH = /\/oauth2\/(token|revoke|userInfo)$/;
const PAGE_PATH = /\/(oauth2\/authorize|oauth2\/idpstart|oauth2\/idpresponse|login|logout|mfa|signup|confirm|forgotPassword|confirmForgotPassword)$/;

describe('hostile input: HTTP routes, pages and the TLS listener (sqlite)', () => {
  let s: TestServer;
  let routes: Route[] = [];
  const v: Record<string, string[]> = {};
  let csrf = { cookie: '', token: '' };

  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_REQUEST_TIMEOUT_MS: '2000', COGNATE_TLS_PORT: '0' } });
    routes = routesOf(s.app);
    const pool = await s.idp.send(new sdk.CreateUserPoolCommand({ PoolName: 'hostile-web', AutoVerifiedAttributes: ['email'] }));
    const poolId = pool.UserPool!.Id!;
    await s.idp.send(new sdk.CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'hostile' }));
    const client = await s.idp.send(new sdk.CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [CALLBACK], LogoutURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    const secretClient = await s.idp.send(new sdk.CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'confidential', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK],
    }));
    const clientId = client.UserPoolClient!.ClientId!;
    await s.idp.send(new sdk.AdminCreateUserCommand({ UserPoolId: poolId, Username: 'web-user', MessageAction: 'SUPPRESS' }));
    await s.idp.send(new sdk.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'web-user', Password: 'Passw0rd!hostile', Permanent: true }));
    const auth = await s.publicIdp.send(new sdk.InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'web-user', PASSWORD: 'Passw0rd!hostile' } }));
    const job = await s.idp.send(new sdk.CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'hostile', CloudWatchLogsRoleArn: 'arn:aws:iam::000000000000:role/import' }));
    const upload = new URL(job.UserImportJob!.PreSignedUrl!);
    Object.assign(v, {
      domain: ['hostile', 'nope', MARKER, '..', '%ff'],
      poolId: [poolId, 'us-east-1_nope00000', MARKER],
      pool: [poolId, 'x'], client: [clientId, 'ALL', 'x'], asset: ['custom.css', 'logo', 'x'],
      jobId: [job.UserImportJob!.JobId!, 'import-nope'],
      uploadToken: [upload.searchParams.get('token')!, 'x'],
      client_id: [clientId, secretClient.UserPoolClient!.ClientId!, 'nope', MARKER],
      client_secret: [secretClient.UserPoolClient!.ClientSecret!, 'wrong'],
      redirect_uri: [CALLBACK, 'https://evil.example/cb', `${CALLBACK}?x=${MARKER}`, 'javascript:alert(1)'],
      logout_uri: [CALLBACK, 'https://evil.example/'],
      response_type: ['code', 'token', 'id_token', MARKER],
      scope: ['openid', 'openid email', 'nope', MARKER],
      grant_type: ['authorization_code', 'refresh_token', 'client_credentials', 'password', MARKER],
      state: ['s', MARKER], nonce: ['n', MARKER],
      code_challenge_method: ['S256', 'plain', 'x'], code_challenge: ['x'.repeat(43), 'short'],
      token: [auth.AuthenticationResult!.RefreshToken!, 'x.y.z'],
      refresh_token: [auth.AuthenticationResult!.RefreshToken!, 'x'],
      access_token: [auth.AuthenticationResult!.AccessToken!, 'x'],
      username: ['web-user', 'nobody', MARKER],
      password: ['Passw0rd!hostile', 'wrong', MARKER],
      code: ['123456', MARKER],
      'attr:email': ['a@example.com', MARKER],
      notice: ['confirmed', MARKER], resend: ['1'], mfaType: ['SOFTWARE_TOKEN_MFA', MARKER], challenge: ['SOFTWARE_TOKEN_MFA', MARKER],
      session: ['x', MARKER], params: ['x', MARKER], newPassword: ['Passw0rd!new1'], confirmPassword: ['Passw0rd!new1'],
      prompt: ['none', 'login', MARKER], max_age: ['0', '-1', 'x'], login_hint: [MARKER], identity_provider: ['COGNITO', 'Nope', MARKER],
      error: ['access_denied', MARKER], error_description: [MARKER],
    });
    // A CSRF cookie and its token, so generated form posts get past the CSRF check some of the time.
    const page = await send(s.url, { method: 'GET', path: `/login?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code` });
    const cookie = /cognate-csrf=([^;]+)/.exec(String(page.headers['set-cookie'] ?? ''))?.[1];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(cookie && token, `the sign-in page hands out a CSRF cookie and token (${page.status})`);
    csrf = { cookie, token };
  });
  after(async () => {
    destroyAgents();
    await s?.stop();
  });

  /** A value for a parameter: plausible (so requests get deep), planted markup, or hostile. */
  const valueFor = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...(v[name]?.length ? v[name] : ['x'])) },
      { weight: 1, arbitrary: fc.constantFrom(MARKER, '', '%', '\u0000', '😀', 'A'.repeat(5000), '../../etc/passwd') },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    );
  const paramNames = () => Object.keys(v).filter((k) => !['domain', 'poolId', 'pool', 'client', 'asset', 'jobId', 'uploadToken'].includes(k));
  const randomPairs = () =>
    fc.array(fc.constantFrom(...paramNames(), '_csrf', 'x', MARKER).chain((k) => (k === '_csrf' ? fc.constantFrom(csrf.token, 'forged') : valueFor(k)).map((x) => [k, x] as [string, string])), { maxLength: 8 });
  /** Mostly a valid OAuth request (so pages get past the client check) with hostile additions; sometimes anything. */
  const pairsArb = () =>
    fc.oneof(
      fc.tuple(fc.subarray(['client_id', 'redirect_uri', 'response_type', 'scope', 'state', '_csrf', 'username', 'password'], { minLength: 3 }), randomPairs()).map(([keys, extra]) => [
        ...keys.map((k) => [k, k === '_csrf' ? csrf.token : v[k]![0]!] as [string, string]),
        ...extra,
      ]),
      randomPairs(),
    );

  it('the route table is read from Fastify and covers the OAuth, page, upload and discovery routes', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const p of ['/oauth2/authorize', '/oauth2/token', '/oauth2/userInfo', '/oauth2/revoke', '/logout', '/login', '/signup', '/confirm', '/forgotPassword',
      '/confirmForgotPassword', '/mfa', '/oauth2/idpresponse', '/oauth2/idpstart', '/_user-import/:jobId', '/:poolId/.well-known/openid-configuration', '/health']) {
      assert.ok(paths.has(p), `route ${p} is in the table (${[...paths].join(' ')})`);
    }
  });

  it('every route, on both listeners, with hostile methods, paths, queries, bodies, cookies and headers: no 5xx, the right error shape', async () => {
    const table = routes.filter((r) => r.method !== 'OPTIONS');
    const arb = fc.record({
      route: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...table) },
        // and paths no route serves
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), fc.oneof(fc.webPath(), fc.constantFrom('/x/../../y', '/%ff%fe', '//', '/oauth2/', '/domain/'))).map(([method, path]) => ({ method, path: `/${path.replace(/^\/+/, '').replace(/:/g, '%3A')}` })) },
      ),
      method: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') }),
      params: fc.record({ domain: valueFor('domain'), poolId: valueFor('poolId'), pool: valueFor('pool'), client: valueFor('client'), asset: valueFor('asset'), jobId: valueFor('jobId') }),
      query: pairsArb(),
      uploadToken: valueFor('uploadToken'),
      body: hostileForm(pairsArb()),
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: contentTypes }),
      cookie: fc.oneof({ weight: 3, arbitrary: fc.constant('csrf') }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: badCookie }),
      authorization: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('basic', 'bearer') }, { weight: 1, arbitrary: badAuthorization }),
      headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: hostileHeaders }),
      tls: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    });
    let runs = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        runs++;
        const method = c.method || c.route.method;
        let longParam = false;
        const path = c.route.path
          .replace(/:(\w+)/g, (_, k: string) => {
            const p = encodeURIComponent((c.params as Record<string, string>)[k] ?? 'x');
            longParam ||= p.length > 100;
            return p;
          })
          .replace(/\*$/, 'x');
        const q = new URLSearchParams(c.query);
        if (c.route.path.startsWith('/_user-import')) q.set('token', c.uploadToken);
        const url = `${path}${q.size ? `?${q}` : ''}`;
        // A request too large to parse gets a 431 with a body; a HEAD client cannot read that (see the report).
        const headers: Record<string, string> = method === 'HEAD' ? {} : { ...c.headers };
        if (method !== 'GET' && method !== 'HEAD') headers['content-type'] = c.contentType;
        if (c.cookie) headers.cookie = c.cookie === 'csrf' ? `cognate-csrf=${csrf.cookie}` : c.cookie;
        if (c.authorization === 'basic') headers.authorization = `Basic ${Buffer.from(`${v.client_id![1]}:${v.client_secret![0]}`).toString('base64')}`;
        else if (c.authorization === 'bearer') headers.authorization = `Bearer ${v.access_token![0]}`;
        else if (c.authorization) headers.authorization = c.authorization;
        const body = method === 'GET' || method === 'HEAD' ? '' : c.body.data;
        const a = await send(c.tls ? s.tlsUrl! : s.url, { method, path: url, headers, body });
        const what = `${method} ${url.slice(0, 200)} (${c.tls ? 'TLS' : 'HTTP'}, body ${String(body).slice(0, 100)}) [seed ${SEED}]`;
        seen.set(`${c.route.path} ${a.status}`, 1);
        if (method === 'HEAD' || method === 'OPTIONS') return void assert.ok(a.status < 500, `${what}: ${a.status}`);
        // Fastify matches a path parameter of at most 100 characters (maxParamLength); a longer one is another route.
        // Headers over Node's limit are refused (431) before any route is chosen, in the AWS JSON shape.
        const routed = !longParam && a.status !== 431 && (method === c.route.method || (c.route.method === 'GET' && method === 'HEAD'));
        if (routed && OAUTH_PATH.test(c.route.path)) assertOAuthAnswer(a, what);
        else if (routed && PAGE_PATH.test(c.route.path) && !OAUTH_PATH.test(c.route.path)) assertPageAnswer(a, what);
        else if (routed && c.route.path.startsWith('/_user-import')) {
          // A stored upload is a bare 200 with an ETag, as S3 answers a PUT.
          if (a.status >= 300) assertJsonAnswer(a, 'cognito-idp', what);
          else assert.ok(a.headers.etag, `${what}: an accepted upload without an ETag`);
        }
        else {
          assert.ok(a.status < 500, `${what}: ${a.status} ${a.body.slice(0, 200)}`);
          assertNoInternals(a, what);
        }
      }),
      fcParams(Math.max(250, routes.length * 6), 40_000),
    );
    process.env.COGNATE_HOSTILE_STATS && console.log(runs, [...seen.keys()].sort().join('\n'));
    assert.ok(runs >= 50, `only ${runs} runs`);
  });

  it('framing that lies (Content-Length vs body, both Content-Length and chunked, duplicate lengths) on every kind of route: no 5xx, no hang', async () => {
    const targets = [
      ['POST', '/', 'content-type: application/x-amz-json-1.1\r\nx-amz-target: AWSCognitoIdentityProviderService.SignUp\r\n', '{"ClientId":"x"}'],
      ['POST', '/', 'content-type: application/x-www-form-urlencoded\r\n', 'Action=GetCallerIdentity&Version=2011-06-15'],
      ['POST', '/oauth2/token', 'content-type: application/x-www-form-urlencoded\r\n', 'grant_type=client_credentials'],
      ['POST', '/login', `content-type: application/x-www-form-urlencoded\r\ncookie: cognate-csrf=${csrf.cookie}\r\n`, `username=x&_csrf=${csrf.token}`],
      ['PUT', `/_user-import/${v.jobId![0]}?token=x`, 'content-type: text/csv\r\n', 'a,b\n'],
    ] as const;
    for (const base of [s.url, s.tlsUrl!]) {
      for (const [method, path, extra, body] of targets) {
        const head = `${method} ${path} HTTP/1.1\r\nhost: x\r\n${extra}`;
        const framings = [
          `${head}content-length: ${body.length + 50}\r\n\r\n${body}`, // promises more than it sends, then closes
          `${head}content-length: ${Math.max(0, body.length - 5)}\r\n\r\n${body}GET /health HTTP/1.1\r\nhost: x\r\n\r\n`, // sends more
          `${head}content-length: ${body.length}\r\ntransfer-encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, // smuggling shape
          `${head}content-length: ${body.length}\r\ncontent-length: ${body.length + 1}\r\n\r\n${body}`,
          `${head}transfer-encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`, // a chunk size that is not hex
          `${head}content-length: -1\r\n\r\n${body}`,
          `${head}content-length: 99999999999999999999\r\n\r\n${body}`,
        ];
        for (const bytes of framings) {
          const out = await raw(base, bytes).catch((e: Error) => `(no answer: ${e.message})`);
          const what = `${base} ${JSON.stringify(bytes.slice(0, 160))} [seed ${SEED}]`;
          assert.ok(!out.startsWith('(no answer: no answer'), `${what}: the server neither answered nor closed`);
          for (const m of out.matchAll(/HTTP\/1\.1 (\d{3})/g)) assert.ok(Number(m[1]) < 500, `${what}: answered ${m[1]}: ${out.slice(0, 300)}`);
          assert.ok(!/\bat [\w.<>]+ \(/.test(out), `${what}: a stack trace: ${out.slice(0, 300)}`);
        }
      }
      const h = await send(base, { method: 'GET', path: '/health' }, 3_000);
      assert.equal(h.status, 200);
    }
  });

  /** Drips `head` one byte per 50 ms on `sock` until the server closes it; resolves false if it is still open after 15 s. */
  async function slowLoris(sock: net.Socket, head: string, whileOpen: () => Promise<void>) {
    const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
    sock.on('error', () => undefined);
    sock.resume(); // read the server's answer, so 'close' can follow its FIN
    let i = 0;
    let open = true;
    void closed.then(() => (open = false));
    const drip = setInterval(() => open && i < head.length && sock.write(head[i++]!), 50);
    await whileOpen();
    const cut = await Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref())]);
    clearInterval(drip);
    sock.destroy();
    return { cut, sent: i, of: head.length };
  }

  const healthyMeanwhile = (url: string) => async () => {
    for (let k = 0; k < 8; k++) {
      const a = await send(url, { method: 'GET', path: '/health' }, 3_000);
      assert.equal(a.status, 200, 'another client is served while the attacker holds a connection');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('TLS listener: a slow-loris sender is cut off while other TLS clients are served', async () => {
    const u = new URL(s.tlsUrl!);
    const sock = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => sock.once('secureConnect', () => resolve()).once('error', reject));
    const r = await slowLoris(sock, `GET /login HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(10_000)}`, healthyMeanwhile(s.tlsUrl!));
    assert.ok(r.cut, 'the slow sender was still connected after 15 s');
    assert.ok(r.sent < r.of, 'the slow sender managed to send its whole request');
  });

  it('TLS listener: a connection that never finishes the TLS handshake is cut off while other TLS clients are served', async () => {
    const u = new URL(s.tlsUrl!);
    const sock = net.connect(Number(u.port), u.hostname);
    await new Promise<void>((resolve, reject) => sock.once('connect', () => resolve()).once('error', reject));
    // The first bytes of a TLS ClientHello record, then nothing more for ever.
    const r = await slowLoris(sock, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03' + 'a'.repeat(500), healthyMeanwhile(s.tlsUrl!));
    assert.ok(r.cut, 'the stalled handshake was still connected after 15 s');
  });

  it('TLS listener: a multi-megabyte body is refused with a 4xx and other TLS clients are unaffected', async () => {
    const big = JSON.stringify({ Username: 'x'.repeat(8 * 1024 * 1024) });
    const upload = send(s.tlsUrl!, { headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp', 'content-type': 'application/x-amz-json-1.1' }, body: big })
      .catch((e: Error) => ({ status: -1, headers: {}, body: e.message }) as Answer);
    const other = await send(s.tlsUrl!, { method: 'GET', path: '/health' }, 3_000);
    assert.equal(other.status, 200);
    const a = await upload;
    assert.ok(a.status === -1 || (a.status >= 400 && a.status < 500), `an 8 MiB body over TLS answered ${a.status}: ${a.body.slice(0, 200)}`);
    if (a.status !== -1) assertJsonAnswer(a, 'cognito-idp', 'oversize body over TLS');
  });

  /** Streams `total` bytes to the upload URL; resolves with the answer and how much had been sent when it came. */
  function upload(base: string, path: string, total: number, headers: Record<string, string>) {
    const u = new URL(base);
    return new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = -1;
      const mod = u.protocol === 'https:' ? https : http;
      const req = mod.request({ host: u.hostname, port: u.port, method: 'PUT', path, headers, rejectUnauthorized: false, agent: false }, (res) => {
        answered = sent;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), sentWhenAnswered: answered }));
      });
      req.on('error', (e) => (answered >= 0 ? undefined : resolve({ status: -1, body: e.message, sentWhenAnswered: sent })));
      const chunk = Buffer.alloc(256 * 1024, 0x41);
      const pump = () => {
        while (sent < total && answered < 0) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= total) req.end();
      };
      pump();
      setTimeout(() => reject(new Error('upload: no answer in 20 s')), 20_000).unref();
    });
  }

  it('user-import upload URL: a large upload without a valid token is refused before its body is read, on both listeners', async () => {
    const total = 64 * 1024 * 1024;
    for (const base of [s.url, s.tlsUrl!]) {
      for (const headers of [{ 'content-length': String(total), 'content-type': 'text/csv' }, { 'transfer-encoding': 'chunked', 'content-type': 'text/csv' }] as Record<string, string>[]) {
        const r = await upload(base, `/_user-import/${encodeURIComponent(v.jobId![0]!)}?token=forged`, total, headers);
        assert.ok(r.status === 403 || r.status === -1, `${base} ${JSON.stringify(headers)}: ${r.status} ${r.body.slice(0, 200)}`);
        assert.ok(r.sentWhenAnswered < total, `${base} ${JSON.stringify(headers)}: the server read all ${total} bytes of an unauthorized upload before refusing it`);
        const h = await send(base, { method: 'GET', path: '/health' }, 3_000);
        assert.equal(h.status, 200);
      }
    }
  });

  it('user-import upload URL: an upload over 100 MiB is cut off with a 413 even with a valid token', async () => {
    const path = `/_user-import/${encodeURIComponent(v.jobId![0]!)}?token=${encodeURIComponent(v.uploadToken![0]!)}`;
    const total = 101 * 1024 * 1024;
    const r = await upload(s.url, path, total, { 'content-length': String(total), 'content-type': 'text/csv' });
    assert.ok(r.status === 413 || r.status === -1, `an upload declared over 100 MiB answered ${r.status}: ${r.body.slice(0, 200)}`);
    assert.ok(r.sentWhenAnswered < total, 'the server read the whole oversize upload before refusing it');
    const h = await send(s.url, { method: 'GET', path: '/health' }, 3_000);
    assert.equal(h.status, 200);
  });

  it('the server is still healthy on both listeners after all of it', async () => {
    for (const base of [s.url, s.tlsUrl!]) {
      const h = await send(base, { method: 'GET', path: '/health' });
      assert.equal(h.status, 200);
    }
  });
});
