/**
 * Threat: a stranger on the network sends garbage — random, truncated, oversized, wrongly typed and deeply nested
 * JSON, random or forged headers, slow-loris sockets and multi-megabyte uploads — to every operation Cognate
 * serves. The server must never answer 5xx, never crash or hang, always answer a JSON error whose `__type` an
 * AWS SDK knows, and keep serving everyone else while it deals with the attacker.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { ZodTypeAny } from 'zod';
import { loadRegistry } from '../../src/handlers/registry.js';
import { N } from '../../src/auth/srp.js';
import type { Operation } from '../../src/handlers/operation.js';
import { startTestServer, ADMIN, type TestServer } from '../helpers/server.js';

const PREFIX = 'AWSCognitoIdentityProviderService';
/** Error names the AWS SDK can surface: its modeled exceptions plus the protocol errors of spec/protocol.md §3. */
const KNOWN_ERRORS = new Set<string>([
  ...Object.keys(sdk).filter((k) => k.endsWith('Exception') && typeof (sdk as Record<string, unknown>)[k] === 'function'),
  'UnknownOperationException', 'SerializationException', 'MissingAuthenticationTokenException', 'UnrecognizedClientException',
  'InvalidSignatureException', 'IncompleteSignatureException', 'ExpiredTokenException', 'AccessDeniedException',
]);

interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One raw HTTP exchange; rejects if the server does not answer within `ms` (a hang is a failure). */
function send(url: string, o: { method?: string; path?: string; headers: Record<string, string>; body?: Buffer | string }, ms = 10_000): Promise<Answer> {
  const u = new URL(url);
  const body = o.body ?? '';
  // Always frame the body: node's client sends a DELETE/OPTIONS body unframed, which would poison the socket.
  const headers = { ...o.headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: o.method ?? 'POST', path: o.path ?? '/', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer within ${ms} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function sign(url: string, headers: Record<string, string>, body: string | Buffer, path = '/') {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials: ADMIN, region: 'us-east-1', service: 'cognito-idp', sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path, headers: { host: u.host, ...headers }, body }),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** What every answer to hostile input must look like. */
function assertSane(a: Answer, what: string) {
  assert.ok(a.status < 500, `${what}: status ${a.status} ${a.body.slice(0, 300)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    assert.fail(`${what}: status ${a.status}, body is not JSON: ${a.body.slice(0, 200)}`);
  }
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `${what}: body is not a JSON object`);
  if (a.status >= 300) {
    const type = (parsed as { __type?: unknown }).__type;
    assert.ok(typeof type === 'string' && KNOWN_ERRORS.has(type), `${what}: __type ${String(type)} is not an error the SDK knows (${a.body.slice(0, 200)})`);
    assert.equal(String(a.headers['x-amzn-errortype'] ?? '').replace(/:$/, ''), type, `${what}: x-amzn-ErrorType header`);
  }
}

// ------------------------------------------------------------------ bodies

/** Plausible values for members by name, so generated bodies reach past "not found" into the handlers. */
const ctx: Record<string, string[]> = {
  UserPoolId: ['us-east-1_nope00000'],
  ClientId: ['1234567890abcdefghijklmnop'],
  Username: ['hostile-user', 'someone@example.com'],
  Password: ['Passw0rd!hostile'],
  ProposedPassword: ['Passw0rd!hostile2'],
  PreviousPassword: ['Passw0rd!hostile'],
  AccessToken: ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'not-a-token'],
  RefreshToken: ['eyJjdHkiOiJKV1QifQ.e30.e30.e30.e30', 'not-a-token'],
  Session: ['not-a-session'],
  ConfirmationCode: ['123456'],
  GroupName: ['admins'],
  PoolName: ['hostile-pool'],
  ClientName: ['hostile-client'],
};

const arbString = (key?: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(key && ctx[key] ? ctx[key] : ['x'])) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' or 1=1 --", '%00', '\ud800', '😀'.repeat(200)) },
  );

/** An arbitrary that produces values shaped like a zod schema (and sometimes not quite). */
function fromZod(schema: ZodTypeAny, key?: string, depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as { _def: Record<string, unknown> & { typeName?: string } })._def;
  const inner = (s: unknown) => fromZod(s as ZodTypeAny, key, depth + 1);
  if (depth > 6) return fc.constant('x');
  switch (def.typeName) {
    case 'ZodString':
      return arbString(key);
    case 'ZodNumber':
      return fc.oneof(fc.integer({ min: -2, max: 400 }), fc.constantFrom(0, -1, 1e308, 2 ** 53 + 1, 0.5));
    case 'ZodBigInt':
      return fc.integer();
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as string[]), 'NOT_A_VALUE');
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as object));
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodReadonly':
    case 'ZodCatch':
      return inner(def.innerType);
    case 'ZodBranded':
      return inner(def.type);
    case 'ZodEffects':
      return inner(def.schema);
    case 'ZodPipeline':
      return inner(def.in);
    case 'ZodLazy':
      return inner((def.getter as () => unknown)());
    case 'ZodArray':
      return fc.array(inner(def.type), { maxLength: 3 });
    case 'ZodSet':
      return fc.array(inner(def.valueType), { maxLength: 3 });
    case 'ZodRecord':
    case 'ZodMap':
      return fc.dictionary(fc.string({ maxLength: 12 }), inner(def.valueType), { maxKeys: 3 });
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = (def.options as unknown[] | Map<unknown, unknown>);
      const list = Array.isArray(options) ? options : [...options.values()];
      return fc.oneof(...list.map(inner));
    }
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) model[k] = fromZod(v, k, depth + 1);
      const required = Object.entries(shape).filter(([, v]) => !v.isOptional()).map(([k]) => k);
      return fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(model, { requiredKeys: [] }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const deep = (n: number, leaf: string) => '{"a":'.repeat(n) + leaf + '}'.repeat(n);

/** A request body that prints shortly in counterexamples (some are megabytes long). */
class Body {
  constructor(readonly data: string | Buffer) {}
  [fc.toStringMethod](): string {
    const s = String(this.data);
    return s.length > 300 ? `${JSON.stringify(s.slice(0, 150))}…(${s.length} chars)…${JSON.stringify(s.slice(-100))}` : JSON.stringify(s);
  }
}

/** Turns a well-shaped body into a hostile one. */
const mutate = (base: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => hostile(base).map((d) => new Body(d));
const hostile = (base: fc.Arbitrary<unknown>): fc.Arbitrary<string | Buffer> =>
  fc.oneof(
    { weight: 6, arbitrary: base.map((b) => JSON.stringify(b)) },
    // wrong type for one member
    { weight: 3, arbitrary: fc.tuple(base, fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([b, v, i]) => {
      const o = (b && typeof b === 'object' ? { ...(b as object) } : {}) as Record<string, unknown>;
      const keys = Object.keys(o);
      o[keys.length ? keys[i % keys.length]! : 'Extra'] = v;
      return JSON.stringify(o);
    }) },
    // truncated
    fc.tuple(base, fc.nat()).map(([b, i]) => {
      const s = JSON.stringify(b) ?? '';
      return s.slice(0, s.length ? i % s.length : 0);
    }),
    // oversized member (under the body limit)
    fc.tuple(base, fc.integer({ min: 10_000, max: 300_000 }), fc.nat()).map(([b, n, i]) => {
      const o = (b && typeof b === 'object' ? { ...(b as object) } : {}) as Record<string, unknown>;
      const keys = Object.keys(o);
      o[keys.length ? keys[i % keys.length]! : 'Username'] = 'A'.repeat(n);
      return JSON.stringify(o);
    }),
    // many or huge unknown keys
    fc.integer({ min: 1, max: 5_000 }).map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}${'k'.repeat(n > 100 ? 0 : 2000)}`, i])))),
    // deeply nested, as a member and as the whole body
    fc.tuple(base, fc.integer({ min: 100, max: 20_000 }), fc.nat()).map(([b, n, i]) => {
      const s = JSON.stringify(b && typeof b === 'object' ? b : {});
      const keys = Object.keys((b ?? {}) as object);
      const key = keys.length ? keys[i % keys.length]! : 'UserAttributes';
      return s === '{}' ? `{"${key}":${deep(n, '1')}}` : s.replace(/^\{/, `{"${key}":${deep(n, '1')},`);
    }),
    fc.integer({ min: 100, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    // not JSON, not UTF-8, not an object
    fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.constantFrom('', 'null', '[]', '"str"', '1e999', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '\uFEFF{}'),
  );

const tokenChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-0123456789'.split(''));
const headerValue = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), maxLength: 300 });
const FORBIDDEN = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'te', 'keep-alive']);
const randomHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom('x-amz-target', 'content-type', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'x-forwarded-for', 'cookie', 'origin', 'x-amz-user-agent', 'amz-sdk-request'),
    fc.string({ unit: tokenChar, minLength: 1, maxLength: 20 }),
  ).filter((h) => !FORBIDDEN.has(h)),
  headerValue,
  { maxKeys: 4 },
);

describe('hostile input (sqlite)', () => {
  let s: TestServer;
  let ops: Operation[] = [];

  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_REQUEST_TIMEOUT_MS: '2000' } });
    ops = [...((await loadRegistry()).get('cognito-idp')?.values() ?? [])];
    // Point the generated ids at real resources when the control plane can make them, so bodies get deep.
    const names = new Set(ops.map((o) => o.name));
    if (names.has('CreateUserPool') && names.has('CreateUserPoolClient')) {
      const pool = await s.idp.send(new sdk.CreateUserPoolCommand({ PoolName: 'hostile' }));
      const poolId = pool.UserPool!.Id!;
      const client = await s.idp.send(
        new sdk.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      );
      const clientId = client.UserPoolClient!.ClientId!;
      ctx.UserPoolId = [poolId, ...ctx.UserPoolId!];
      ctx.ClientId = [clientId, ...ctx.ClientId!];
      if (names.has('AdminCreateUser') && names.has('AdminSetUserPassword') && names.has('InitiateAuth')) {
        await s.idp.send(new sdk.AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hostile-user', MessageAction: 'SUPPRESS' }));
        await s.idp.send(new sdk.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'hostile-user', Password: 'Passw0rd!hostile', Permanent: true }));
        const auth = await s.publicIdp.send(
          new sdk.InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hostile-user', PASSWORD: 'Passw0rd!hostile' } }),
        );
        ctx.AccessToken = [auth.AuthenticationResult!.AccessToken!, ...ctx.AccessToken!];
        ctx.RefreshToken = [auth.AuthenticationResult!.RefreshToken!, ...ctx.RefreshToken!];
      }
    }
  });
  after(async () => {
    agent.destroy();
    await s?.stop();
  });

  it('every operation, signed and unsigned, with hostile bodies: never 5xx, always a known __type', async () => {
    const names = [...ops.map((o) => o.name), 'NoSuchOperation', ''];
    const byName = new Map(ops.map((o) => [o.name, o]));
    const opArb = fc.constantFrom(...names).chain((name) => {
      const op = byName.get(name);
      const base = op ? fromZod(op.input) : fc.jsonValue({ maxDepth: 2 });
      return fc.record({
        name: fc.constant(name),
        body: mutate(base),
        signed: op ? fc.boolean().map((b) => b || op.auth === 'iam') : fc.boolean(),
        contentType: fc.oneof(
          { weight: 8, arbitrary: fc.constant('application/x-amz-json-1.1') },
          { weight: 1, arbitrary: fc.constantFrom('application/json', 'application/x-amz-json-1.0', 'text/plain', 'application/x-www-form-urlencoded', '') },
        ),
        headers: randomHeaders,
        headersSigned: fc.boolean(),
        path: fc.constantFrom('/', '/', '/x/', '/%2e%2e/', '/?X-Amz-Signature=abc'),
      });
    });
    let runs = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(opArb, async (c) => {
        runs++;
        const base: Record<string, string> = { 'x-amz-target': `${PREFIX}.${c.name}` };
        if (c.contentType) base['content-type'] = c.contentType;
        let headers = c.headersSigned ? { ...base, ...c.headers } : base;
        const body = c.body.data;
        if (c.signed) headers = await sign(s.url, headers, body, c.path.split('?')[0]);
        if (!c.headersSigned) headers = { ...headers, ...c.headers };
        const a = await send(s.url, { path: c.path, headers, body });
        assertSane(a, `${c.name} (${c.signed ? 'signed' : 'unsigned'}, body ${String(body).slice(0, 80)})`);
        const type = a.status < 300 ? '2xx' : (JSON.parse(a.body) as { __type: string }).__type;
        seen.set(type, (seen.get(type) ?? 0) + 1);
      }),
      { numRuns: Math.min(400, Math.max(200, ops.length * 3)), interruptAfterTimeLimit: 40_000 },
    );
    assert.ok(runs >= 50, `only ${runs} runs`);
    // The generated bodies must get past the front door: several different answers, some of them successes.
    process.env.COGNATE_TEST_LOG && console.log(Object.fromEntries(seen));
    assert.ok(seen.size >= 5, `answers were only ${[...seen.keys()].join(', ')}`);
    const frontDoor = new Set(['SerializationException', 'UnknownOperationException', 'InvalidSignatureException', 'IncompleteSignatureException', 'MissingAuthenticationTokenException', 'InvalidParameterException']);
    if (ops.length > 10) assert.ok([...seen.keys()].some((t) => !frontDoor.has(t)), `no generated request reached a handler: ${JSON.stringify(Object.fromEntries(seen))}`);
  });

  it('random methods, paths and headers on the whole listener', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.oneof(fc.constantFrom('/', '/health', '/metrics', '/oauth2/token', '/us-east-1_x/.well-known/jwks.json', '/x/../../y', '/%ff%fe'), fc.webPath()),
        randomHeaders,
        async (method, path, headers) => {
          const a = await send(s.url, { method, path: path || '/', headers, body: method === 'GET' || method === 'HEAD' ? undefined : '{}' });
          assert.ok(a.status < 500, `${method} ${path}: ${a.status} ${a.body.slice(0, 200)}`);
        },
      ),
      { numRuns: 80, interruptAfterTimeLimit: 10_000 },
    );
  });

  it('a slow-loris sender is cut off while other clients are served', async () => {
    const u = new URL(s.url);
    const sock = net.connect(Number(u.port), u.hostname);
    const closed = new Promise<number>((resolve) => sock.on('close', () => resolve(Date.now())));
    sock.on('error', () => undefined);
    const started = Date.now();
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n' + 'X-Pad: ' + 'a'.repeat(10_000);
    let i = 0;
    let open = true;
    void closed.then(() => (open = false));
    const drip = setInterval(() => {
      if (!open || i >= head.length) return;
      sock.write(head[i++]!);
    }, 50);
    // Meanwhile the server keeps answering ordinary clients promptly.
    for (let k = 0; k < 10; k++) {
      const a = await send(s.url, { method: 'GET', path: '/health', headers: {} }, 3_000);
      assert.equal(a.status, 200);
      await new Promise((r) => setTimeout(r, 100));
    }
    const at = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 15_000).unref())]);
    clearInterval(drip);
    sock.destroy();
    assert.notEqual(at, -1, 'the slow sender was still connected after 15 s');
    assert.ok(i < head.length, 'the slow sender managed to send its whole request');
    assert.ok(at - started < 10_000);
  });

  it('bytes that are not HTTP get the AWS JSON error shape and a closed connection', async () => {
    const u = new URL(s.url);
    for (const garbage of ['GARBAGE\r\n\r\n', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', `GET /${'a'.repeat(100)} HTTP/1.1\r\nX: ${'b'.repeat(20_000)}\r\n\r\n`]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(Number(u.port), u.hostname, () => sock.end(garbage));
        let data = '';
        sock.on('data', (d) => (data += d));
        sock.on('close', () => resolve(data));
        sock.on('error', reject);
        sock.setTimeout(5_000, () => sock.destroy(new Error('no answer in 5 s')));
      });
      const [head, body] = raw.split('\r\n\r\n');
      assert.match(head ?? '', /^HTTP\/1\.1 4\d\d /, raw.slice(0, 100));
      assert.equal((JSON.parse(body ?? '') as { __type: string }).__type, 'SerializationException');
    }
  });

  it('a multi-megabyte upload is refused with a 4xx and other clients are unaffected', async () => {
    const big = JSON.stringify({ Username: 'x'.repeat(8 * 1024 * 1024) });
    const upload = send(s.url, {
      headers: { 'x-amz-target': `${PREFIX}.SignUp`, 'content-type': 'application/x-amz-json-1.1' },
      body: big,
    }).catch((e: Error) => ({ status: -1, headers: {}, body: e.message }) as Answer);
    const other = await send(s.url, { method: 'GET', path: '/health', headers: {} }, 3_000);
    assert.equal(other.status, 200);
    const a = await upload;
    assert.ok(a.status >= 400 && a.status < 500, `upload answered ${a.status}: ${a.body.slice(0, 200)}`);
    assertSane(a, 'oversize upload');
    // A chunked upload without a length is cut off at the limit too.
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const u = new URL(s.url);
      const req = http.request(
        { host: u.hostname, port: u.port, method: 'POST', path: '/', headers: { 'x-amz-target': `${PREFIX}.SignUp`, 'content-type': 'application/x-amz-json-1.1', 'transfer-encoding': 'chunked' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', (e) => resolve({ status: -1, headers: {}, body: e.message }));
      let sent = 0;
      const pump = () => {
        while (sent < 6 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!req.write(Buffer.alloc(64 * 1024, 0x41))) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
      setTimeout(() => reject(new Error('chunked upload: no answer in 10 s')), 10_000).unref();
    });
    assert.ok(chunked.status === -1 || (chunked.status >= 400 && chunked.status < 500), `chunked upload answered ${chunked.status}`);
    const after = await send(s.url, { method: 'GET', path: '/health', headers: {} }, 3_000);
    assert.equal(after.status, 200);
  });

  it('hand-picked poison for the auth flows: degenerate SRP values, forged tokens, absurd sizes', async () => {
    const clientId = ctx.ClientId![0]!;
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = [
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', token_use: 'access' })}.`,
      `${b64({ alg: 'HS256', kid: '../../etc/passwd' })}.${b64({ token_use: 'access', exp: 9e15 })}.AAAA`,
      `${b64({ alg: 'RS256', kid: 'x'.repeat(5000) })}.${b64({})}.${'A'.repeat(400)}`,
      'a.b.c.d.e',
      '.'.repeat(10_000),
      'x'.repeat(200_000),
    ];
    const cases: [string, unknown][] = [
      // A ≡ 0 (mod N) would let a client force the session key; the rest are not numbers or absurdly long.
      ...['0', '00', N.toString(16), (2n * N).toString(16), 'zz', '-1', 'f'.repeat(100_000), ''].map(
        (A) => ['InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'hostile-user', SRP_A: A } }] as [string, unknown],
      ),
      ...[
        { PASSWORD_CLAIM_SIGNATURE: 'AAAA', PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', TIMESTAMP: 'Mon Jan 1 00:00:00 UTC 1970', USERNAME: 'hostile-user' },
        { PASSWORD_CLAIM_SIGNATURE: '', PASSWORD_CLAIM_SECRET_BLOCK: '', TIMESTAMP: '', USERNAME: '' },
        { PASSWORD_CLAIM_SIGNATURE: 'x'.repeat(100_000), PASSWORD_CLAIM_SECRET_BLOCK: '%%%', TIMESTAMP: 'Feb 30', USERNAME: 'hostile-user' },
      ].map((r) => ['RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: r }] as [string, unknown]),
      ...forged.flatMap((t) => [
        ['GetUser', { AccessToken: t }],
        ['GlobalSignOut', { AccessToken: t }],
        ['InitiateAuth', { ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: t } }],
        ['RevokeToken', { ClientId: clientId, Token: t }],
        ['GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: t }],
      ] as [string, unknown][]),
      ['InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hostile-user', PASSWORD: 'p'.repeat(300_000) } }],
      ['SignUp', { ClientId: clientId, Username: 'h'.repeat(300_000), Password: 'Passw0rd!hostile' }],
      ['SignUp', { ClientId: clientId, Username: 'many-attrs', Password: 'Passw0rd!hostile', UserAttributes: Array.from({ length: 5_000 }, (_, i) => ({ Name: `custom:a${i}`, Value: 'v' })) }],
    ];
    for (const [op, body] of cases) {
      const text = JSON.stringify(body);
      const a = await send(s.url, { headers: { 'x-amz-target': `${PREFIX}.${op}`, 'content-type': 'application/x-amz-json-1.1' }, body: text });
      assertSane(a, `${op} ${text.slice(0, 120)}`);
      // RevokeToken answers 200 to an unknown token, as OAuth revocation (RFC 7009) does.
      if (op !== 'RevokeToken') assert.ok(a.status >= 400, `${op} ${text.slice(0, 120)}…${text.slice(-60)} was accepted: ${a.body.slice(0, 100)}`);
    }
  });

  it('the server is still healthy and answers a normal signed call', async () => {
    const h = await send(s.url, { method: 'GET', path: '/health', headers: {} });
    assert.equal(h.status, 200);
    const body = '{"MaxResults":1}';
    const a = await send(s.url, { headers: await sign(s.url, { 'x-amz-target': `${PREFIX}.ListUserPools`, 'content-type': 'application/x-amz-json-1.1' }, body), body });
    assertSane(a, 'ListUserPools');
  });
});
