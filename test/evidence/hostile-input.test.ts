/**
 * Threat: a stranger on the network sends garbage — random, truncated, oversized, wrongly typed and deeply nested
 * JSON, random or forged headers, slow-loris sockets and multi-megabyte uploads — to every operation of every
 * AWS JSON service Cognate serves (cognito-idp and cognito-identity, enumerated from the handler registry). The
 * server must never answer 5xx, never crash or hang, always answer a JSON error whose `__type` that service's
 * AWS SDK knows, and keep serving everyone else while it deals with the attacker. The query protocol (STS, IAM)
 * is hostile-query.test.ts; every other HTTP route and the TLS listener are hostile-http.test.ts.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { loadRegistry } from '../../src/handlers/registry.js';
import { TARGET_PREFIXES } from '../../src/protocols/aws-json.js';
import { N } from '../../src/auth/srp.js';
import type { Operation } from '../../src/handlers/operation.js';
import { startTestServer, ADMIN, type TestServer } from '../helpers/server.js';
import {
  assertJsonAnswer, contentTypes, destroyAgents, fcParams, fromZod, hostileHeaders, hostileJson, send, sign, SEED, type Answer, type Ctx,
} from './hostile-kit.js';

const PREFIX = 'AWSCognitoIdentityProviderService';
const PREFIX_OF = Object.fromEntries(Object.entries(TARGET_PREFIXES).map(([prefix, service]) => [service, prefix]));
const assertSane = (a: Answer, what: string, service = 'cognito-idp') => assertJsonAnswer(a, service, `${what} [seed ${SEED}]`);

/** Plausible values for members by name, so generated bodies reach past "not found" into the handlers. */
const ctx: Ctx = {
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
  IdentityPoolId: ['us-east-1:00000000-0000-0000-0000-000000000000'],
  IdentityId: ['us-east-1:00000000-0000-0000-0000-000000000001'],
  IdentityPoolName: ['hostile_identities'],
  DeveloperProviderName: ['login.hostile'],
  DeveloperUserIdentifier: ['dev-user-1'],
  ResourceArn: ['arn:aws:cognito-identity:us-east-1:000000000000:identitypool/us-east-1:00000000-0000-0000-0000-000000000000'],
  RoleArn: ['arn:aws:iam::000000000000:role/hostile'],
};

describe('hostile input: AWS JSON services (sqlite)', () => {
  let s: TestServer;
  /** Every operation of every JSON service, from the handler registry. */
  let ops: Operation[] = [];

  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_REQUEST_TIMEOUT_MS: '2000' } });
    const registries = await loadRegistry();
    ops = Object.values(TARGET_PREFIXES).flatMap((service) => [...(registries.get(service)?.values() ?? [])]);
    assert.deepEqual([...new Set(ops.map((o) => o.service))].sort(), ['cognito-identity', 'cognito-idp'], 'both JSON services have handlers');
    // Point the generated ids at real resources, so bodies get past "not found" and deep into the handlers.
    const pool = await s.idp.send(new sdk.CreateUserPoolCommand({ PoolName: 'hostile' }));
    const poolId = pool.UserPool!.Id!;
    const client = await s.idp.send(
      new sdk.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const clientId = client.UserPoolClient!.ClientId!;
    ctx.UserPoolId = [poolId, ...ctx.UserPoolId!];
    ctx.ClientId = [clientId, ...ctx.ClientId!];
    await s.idp.send(new sdk.AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hostile-user', MessageAction: 'SUPPRESS' }));
    await s.idp.send(new sdk.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'hostile-user', Password: 'Passw0rd!hostile', Permanent: true }));
    const auth = await s.publicIdp.send(
      new sdk.InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hostile-user', PASSWORD: 'Passw0rd!hostile' } }),
    );
    ctx.AccessToken = [auth.AuthenticationResult!.AccessToken!, ...ctx.AccessToken!];
    ctx.RefreshToken = [auth.AuthenticationResult!.RefreshToken!, ...ctx.RefreshToken!];
    const idToken = auth.AuthenticationResult!.IdToken!;
    const identity = new CognitoIdentityClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });
    try {
      const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
      const ip = await identity.send(new CreateIdentityPoolCommand({
        IdentityPoolName: 'hostile_identities', AllowUnauthenticatedIdentities: true, DeveloperProviderName: 'login.hostile',
        CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }],
      }));
      const id = await identity.send(new GetIdCommand({ IdentityPoolId: ip.IdentityPoolId!, Logins: { [provider]: idToken } }));
      ctx.IdentityPoolId = [ip.IdentityPoolId!, ...ctx.IdentityPoolId!];
      ctx.IdentityId = [id.IdentityId!, ...ctx.IdentityId!];
      ctx.ResourceArn = [`arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${ip.IdentityPoolId!}`, ...ctx.ResourceArn!];
      ctx.Logins = [];
      ctx.IdToken = [idToken];
    } finally {
      identity.destroy();
    }
  });
  after(async () => {
    destroyAgents();
    await s?.stop();
  });

  it('every operation of every JSON service, signed and unsigned, with hostile bodies and headers: never 5xx, always a __type its SDK knows', async () => {
    type Case = { service: string; name: string };
    const opOf = new Map(ops.map((o) => [`${o.service}.${o.name}`, o]));
    const cases: Case[] = [
      ...ops.map((op) => ({ service: op.service, name: op.name })),
      ...Object.values(TARGET_PREFIXES).flatMap((service) => [{ service, name: 'NoSuchOperation' }, { service, name: '' }]),
    ];
    const opArb = fc.constantFrom(...cases).chain((c) => {
      const op = opOf.get(`${c.service}.${c.name}`);
      const base = op ? fromZod(op.input, ctx) : fc.jsonValue({ maxDepth: 2 });
      return fc.record({
        case: fc.constant(c),
        body: hostileJson(base),
        signed: op ? fc.boolean().map((b) => b || op.auth === 'iam') : fc.boolean(),
        contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/x-amz-json-1.1') }, { weight: 1, arbitrary: contentTypes }),
        headers: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: hostileHeaders }),
        headersSigned: fc.boolean(),
        path: fc.constantFrom('/', '/', '/x/', '/%2e%2e/', '/?X-Amz-Signature=abc', '/?Action=GetCallerIdentity'),
      });
    });
    let runs = 0;
    const seen = new Map<string, number>();
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(opArb, async (c) => {
        runs++;
        const { service, name } = c.case;
        const base: Record<string, string> = { 'x-amz-target': `${PREFIX_OF[service]}.${name}` };
        if (c.contentType) base['content-type'] = c.contentType;
        let headers = c.headersSigned ? { ...base, ...c.headers } : base;
        const body = c.body.data;
        if (c.signed) headers = await sign(s.url, { service, headers, body, path: c.path });
        if (!c.headersSigned) headers = { ...headers, ...c.headers };
        const a = await send(s.url, { path: c.path, headers, body });
        assertSane(a, `${service} ${name} (${c.signed ? 'signed' : 'unsigned'}, body ${String(body).slice(0, 80)})`, service);
        const type = a.status < 300 ? '2xx' : (JSON.parse(a.body) as { __type: string }).__type;
        seen.set(type, (seen.get(type) ?? 0) + 1);
        if (!['SerializationException', 'UnknownOperationException'].includes(type)) reached.add(service);
      }),
      fcParams(Math.min(500, ops.length * 3), 45_000),
    );
    assert.ok(runs >= 50, `only ${runs} runs`);
    // The generated bodies must get past the front door: several different answers, some of them successes.
    process.env.COGNATE_HOSTILE_STATS && console.log(runs, Object.fromEntries(seen));
    assert.ok(seen.size >= 5, `answers were only ${[...seen.keys()].join(', ')}`);
    const frontDoor = new Set(['SerializationException', 'UnknownOperationException', 'InvalidSignatureException', 'IncompleteSignatureException', 'MissingAuthenticationTokenException', 'InvalidParameterException']);
    assert.ok([...seen.keys()].some((t) => !frontDoor.has(t)), `no generated request reached a handler: ${JSON.stringify(Object.fromEntries(seen))}`);
    assert.deepEqual([...reached].sort(), ['cognito-identity', 'cognito-idp'], 'requests reached the handlers of both services');
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
    const a = await send(s.url, { headers: await sign(s.url, { service: 'cognito-idp', headers: { 'x-amz-target': `${PREFIX}.ListUserPools`, 'content-type': 'application/x-amz-json-1.1' }, body }), body });
    assertSane(a, 'ListUserPools');
  });
});
