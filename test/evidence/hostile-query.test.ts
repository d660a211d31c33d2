/**
 * Threat: a stranger sends garbage to the AWS query protocol (STS and the IAM subset: form bodies or `GET
 * ?Action=…`, XML answers) — truncated, oversized, repeated and badly percent-encoded fields, bytes that are not
 * UTF-8, absurd `member.N` nesting, forged SigV4 headers and presigned query strings — for every operation of
 * both services, enumerated from the handler registry. The server must never answer 5xx or hang, and every
 * refusal must be a well-formed `<ErrorResponse>` whose `<Code>` the service's AWS SDK knows.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand, CreatePolicyCommand } from '@aws-sdk/client-iam';
import { loadRegistry } from '../../src/handlers/registry.js';
import { QUERY_SERVICES } from '../../src/protocols/aws-query.js';
import type { Operation } from '../../src/handlers/operation.js';
import { startTestServer, ADMIN, type TestServer } from '../helpers/server.js';
import {
  assertQueryAnswer, contentTypes, destroyAgents, fcParams, flatten, fromZod, hostileForm, hostileHeaders, send, sign, SEED, type Ctx,
} from './hostile-kit.js';

const VERSION: Record<string, string> = { sts: '2011-06-15', iam: '2010-05-08' };
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });

const ctx: Ctx = {
  RoleName: ['hostile-role', 'nope'],
  RoleArn: ['arn:aws:iam::000000000000:role/hostile-role', 'arn:aws:iam::000000000000:role/nope'],
  RoleSessionName: ['hostile-session'],
  PolicyName: ['inline'],
  PolicyDocument: [POLICY, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:x":"${aws:username}"}}}]}', '{', 'null'],
  AssumeRolePolicyDocument: [TRUST],
  Policy: [POLICY],
  PolicyInputList: [POLICY],
  PolicyArn: ['arn:aws:iam::000000000000:policy/hostile-managed', 'arn:aws:iam::aws:policy/Nope'],
  arn: ['arn:aws:iam::000000000000:policy/hostile-managed'],
  UserName: ['hostile-iam-user'],
  Url: ['https://idp.example.com', 'http://127.0.0.1:1/x', 'not a url'],
  OpenIDConnectProviderArn: ['arn:aws:iam::000000000000:oidc-provider/idp.example.com'],
  WebIdentityToken: ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'x.y.z'],
  ActionNames: ['sts:AssumeRole', 'iam:GetRole'],
  AccessKeyId: [ADMIN.accessKeyId, 'AKIANOSUCHKEY0000000'],
};

describe('hostile input: AWS query protocol, STS and IAM (sqlite)', () => {
  let s: TestServer;
  let ops: Operation[] = [];

  before(async () => {
    s = await startTestServer('sqlite', { env: { COGNATE_REQUEST_TIMEOUT_MS: '2000' } });
    const registries = await loadRegistry();
    ops = QUERY_SERVICES.flatMap((service) => [...(registries.get(service)?.values() ?? [])]);
    assert.deepEqual([...new Set(ops.map((o) => o.service))].sort(), ['iam', 'sts'], 'both query services have handlers');
    const iam = new IAMClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });
    try {
      await iam.send(new CreateRoleCommand({ RoleName: 'hostile-role', AssumeRolePolicyDocument: TRUST }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'hostile-role', PolicyName: 'inline', PolicyDocument: POLICY }));
      await iam.send(new CreatePolicyCommand({ PolicyName: 'hostile-managed', PolicyDocument: POLICY }));
    } finally {
      iam.destroy();
    }
  });
  after(async () => {
    destroyAgents();
    await s?.stop();
  });

  it('every STS and IAM operation, signed and unsigned, POST and GET, with hostile fields and headers: never 5xx, always an <ErrorResponse> the SDK knows', async () => {
    type Case = { service: string; name: string };
    const opOf = new Map(ops.map((o) => [`${o.service}.${o.name}`, o]));
    const cases: Case[] = [
      ...ops.map((op) => ({ service: op.service, name: op.name })),
      ...QUERY_SERVICES.flatMap((service) => [{ service, name: 'NoSuchAction' }, { service, name: '' }]),
    ];
    const arb = fc.constantFrom(...cases).chain((c) => {
      const op = opOf.get(`${c.service}.${c.name}`);
      const input = op ? fromZod(op.input, ctx) : fc.jsonValue({ maxDepth: 2 });
      const mostly = fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
      const pairs = fc.tuple(input, mostly, mostly).map(([i, withAction, withVersion]) => [
        ...(withAction || c.name === '' ? [['Action', c.name] as [string, string]] : []),
        ...(withVersion ? [['Version', VERSION[c.service]!] as [string, string]] : []),
        ...flatten(i),
      ]);
      return fc.record({
        case: fc.constant(c),
        body: hostileForm(pairs),
        method: fc.constantFrom('POST', 'POST', 'POST', 'GET'),
        signed: op ? fc.boolean().map((b) => b || op.auth === 'iam') : fc.boolean(),
        signAs: fc.constantFrom(c.service, c.service, c.service, 'sts', 'iam', 'cognito-idp'),
        contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/x-www-form-urlencoded; charset=utf-8') }, { weight: 1, arbitrary: contentTypes }),
        headers: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: hostileHeaders }),
      });
    });
    let runs = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        runs++;
        const { service, name } = c.case;
        const form = Buffer.isBuffer(c.body.data) ? c.body.data.toString('latin1') : c.body.data;
        // A request line carries bytes outside printable ASCII only percent-encoded.
        const query = form.replace(/[^\x21-\x7e]/g, (ch) => `%${(ch.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);
        const get = c.method === 'GET';
        // A GET carries the fields in the query string (with Action, or it is not the query protocol at all).
        const path = get ? `/?${/(^|&)Action=/.test(query) ? query : `Action=${encodeURIComponent(name)}&${query}`}`.slice(0, 6000) : '/';
        const body = get ? '' : c.body.data;
        let headers: Record<string, string> = get ? {} : { 'content-type': c.contentType };
        if (c.signed) headers = await sign(s.url, { service: c.signAs, method: c.method, path, headers, body });
        headers = { ...headers, ...c.headers };
        delete (headers as Record<string, string | undefined>)['x-amz-target'];
        const a = await send(s.url, { method: c.method, path, headers, body });
        const what = `${service} ${name} (${c.method}, ${c.signed ? `signed as ${c.signAs}` : 'unsigned'}, ${String(form).slice(0, 100)}) [seed ${SEED}]`;
        if (!get && !/^application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? '')) {
          // Not the query protocol any more: the AWS JSON front door answers; only "no 5xx" is asked of it here.
          assert.ok(a.status < 500, `${what}: ${a.status} ${a.body.slice(0, 200)}`);
          return;
        }
        const target = 'authorization' in c.headers || (c.signed && c.signAs !== service) || !opOf.has(`${service}.${name}`) ? 'any' : service;
        const code = assertQueryAnswer(a, target, what);
        seen.set(code, (seen.get(code) ?? 0) + 1);
      }),
      fcParams(Math.min(300, ops.length * 8), 30_000),
    );
    process.env.COGNATE_HOSTILE_STATS && console.log(runs, Object.fromEntries(seen));
    assert.ok(runs >= 50, `only ${runs} runs`);
    const frontDoor = new Set(['MalformedQueryString', 'InvalidAction', 'MissingAction', 'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidClientTokenId', 'MissingAuthenticationToken', 'ValidationError']);
    assert.ok([...seen.keys()].some((k) => !frontDoor.has(k)), `no generated request reached a handler: ${JSON.stringify(Object.fromEntries(seen))}`);
  });

  it('the server is still healthy and STS still answers a signed call', async () => {
    const h = await send(s.url, { method: 'GET', path: '/health' });
    assert.equal(h.status, 200);
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const a = await send(s.url, { headers: await sign(s.url, { service: 'sts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }), body });
    assert.equal(assertQueryAnswer(a, 'sts', 'GetCallerIdentity'), '2xx');
  });
});
