/**
 * The shared tools of the hostile-input suites: raw HTTP(S) exchanges with a deadline (a hang is a failure),
 * SigV4 signing for any service, arbitraries that turn a handler's zod schema into plausible and hostile
 * bodies, hostile headers, the route table read from Fastify itself, and the wire-shape assertions of each
 * protocol (AWS JSON `__type`, AWS query XML `<Code>`, RFC 6749 errors, HTML error pages).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import * as idpSdk from '@aws-sdk/client-cognito-identity-provider';
import * as identitySdk from '@aws-sdk/client-cognito-identity';
import * as stsSdk from '@aws-sdk/client-sts';
import * as iamSdk from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { ZodTypeAny } from 'zod';
import { ADMIN } from '../helpers/server.js';
import { CSRF_COOKIE } from '../../src/hosted-ui/web-session.js';
import { STATE_COOKIE } from '../../src/federation/sign-in.js';

/** One fixed seed for every property, printed with each failure (override: COGNATE_FC_SEED). */
export const SEED = Number(process.env.COGNATE_FC_SEED ?? 20261127);
export const fcParams = (numRuns: number, interruptAfterTimeLimit: number) => ({ seed: SEED, numRuns, interruptAfterTimeLimit, endOnFailure: true, includeErrorInReport: true });

export interface Answer { status: number; headers: http.IncomingHttpHeaders; body: string }

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false }),
};
export const destroyAgents = () => {
  agents.http.destroy();
  agents.https.destroy();
};

export interface Exchange { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string }

/** One HTTP(S) exchange; rejects if the server does not answer within `ms`. */
export function send(url: string, o: Exchange, ms = 10_000): Promise<Answer> {
  const u = new URL(url);
  const body = o.body ?? '';
  // Always frame the body: node's client sends a DELETE/OPTIONS body unframed, which would poison the socket.
  const headers = { ...(o.headers ?? {}), 'content-length': String(Buffer.byteLength(body)) };
  const mod = u.protocol === 'https:' ? https : http;
  const agent = u.protocol === 'https:' ? agents.https : agents.http;
  return new Promise((resolve, reject) => {
    const req = mod.request({ host: u.hostname, port: u.port, method: o.method ?? 'POST', path: o.path ?? '/', headers, agent }, (res) => {
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

/** Raw bytes on a fresh socket (TLS for https URLs); resolves with everything the server sent before closing. */
export function raw(url: string, bytes: string | Buffer, ms = 8_000): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock: net.Socket =
      u.protocol === 'https:'
        ? tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => sock.end(bytes))
        : net.connect(Number(u.port), u.hostname, () => sock.end(bytes));
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.on('close', () => resolve(data));
    sock.on('error', (e) => (data ? resolve(data) : reject(e)));
    sock.setTimeout(ms, () => sock.destroy(new Error(`no answer in ${ms} ms`)));
  });
}

/** Signs a request with the admin key for `service` (header form). */
export async function sign(url: string, o: { service: string; method?: string; path?: string; headers: Record<string, string>; body: string | Buffer }) {
  const u = new URL(url);
  const [p, q] = (o.path ?? '/').split('?');
  const signer = new SignatureV4({ credentials: ADMIN, region: 'us-east-1', service: o.service, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: o.method ?? 'POST', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: p,
      query: q ? Object.fromEntries(new URLSearchParams(q)) : undefined, headers: { host: u.host, ...o.headers }, body: o.body,
    }),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) out[k.toLowerCase()] = String(v);
  return out;
}

// ------------------------------------------------------------------ known errors, from the SDKs' own models

/** The wire names of an SDK's exported exception classes (the AWS JSON `__type` / the query `<Code>` + "Exception"). */
function sdkErrorNames(mod: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(mod)) {
    if (!k.endsWith('Exception') || typeof v !== 'function') continue;
    try {
      const name = (new (v as new (o: unknown) => { name: string })({ message: '', $metadata: {} })).name;
      if (name) out.push(name);
    } catch {
      out.push(k);
    }
  }
  return out;
}

/** Errors the AWS protocol layer itself can answer on any JSON service (spec/protocol.md §3). */
const JSON_PROTOCOL_ERRORS = [
  'UnknownOperationException', 'SerializationException', 'MissingAuthenticationTokenException', 'UnrecognizedClientException',
  'InvalidSignatureException', 'IncompleteSignatureException', 'ExpiredTokenException', 'AccessDeniedException',
];
/** The AWS query protocol's common error codes (IAM/STS "Common Errors"). */
const QUERY_PROTOCOL_ERRORS = [
  'ValidationError', 'MalformedQueryString', 'InvalidAction', 'MissingAction', 'MissingAuthenticationToken', 'InvalidClientTokenId',
  'SignatureDoesNotMatch', 'IncompleteSignature', 'ExpiredToken', 'ExpiredTokenException', 'AccessDenied', 'InvalidParameterValue',
  'InvalidParameterCombination', 'MissingParameter', 'RequestExpired', 'Throttling', 'OptInRequired',
];

export const KNOWN_JSON_ERRORS: Record<string, ReadonlySet<string>> = {
  'cognito-idp': new Set([...sdkErrorNames(idpSdk), ...JSON_PROTOCOL_ERRORS]),
  'cognito-identity': new Set([...sdkErrorNames(identitySdk), ...JSON_PROTOCOL_ERRORS]),
};
/** A query service's exception class `FooException` is `<Code>Foo</Code>` (IAM) or `FooException` (some STS ones). */
const queryCodes = (mod: Record<string, unknown>) => sdkErrorNames(mod).flatMap((n) => [n, n.replace(/Exception$/, '')]);
export const KNOWN_QUERY_ERRORS: Record<string, ReadonlySet<string>> = {
  sts: new Set([...queryCodes(stsSdk), ...QUERY_PROTOCOL_ERRORS]),
  iam: new Set([...queryCodes(iamSdk), ...QUERY_PROTOCOL_ERRORS]),
  /** When the request itself leaves open which service answers (a forged credential scope, an unknown Action). */
  any: new Set([...queryCodes(stsSdk), ...queryCodes(iamSdk), ...QUERY_PROTOCOL_ERRORS]),
};
/** RFC 6749 §4.1.2.1 / §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1. */
export const OAUTH_ERRORS = new Set([
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope',
  'access_denied', 'unsupported_response_type', 'server_error', 'temporarily_unavailable', 'invalid_token', 'insufficient_scope',
  'unsupported_token_type', 'login_required', 'interaction_required', 'consent_required', 'account_selection_required',
]);

// ------------------------------------------------------------------ assertions per wire format

const clip = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Text a server must never show a stranger: stack frames, source paths, exception dumps. */
export function assertNoInternals(a: Answer, what: string) {
  assert.ok(!/\bat [\w.<>$ ]+\s\(?(?:file:|node:|\/)[^)\n]*:\d+:\d+\)?/.test(a.body), `${what}: the answer shows a stack trace: ${clip(a.body)}`);
  assert.ok(!/\/(?:src|dist|node_modules)\/[\w./-]+\.(?:ts|js)\b/.test(a.body), `${what}: the answer names a source file: ${clip(a.body)}`);
  assert.ok(!/SqliteError|syntax error at|TypeError:|RangeError:|ReferenceError:/.test(a.body), `${what}: the answer leaks an exception: ${clip(a.body)}`);
}

export function assertJsonAnswer(a: Answer, service: string, what: string) {
  assert.ok(a.status < 500, `${what}: status ${a.status} ${clip(a.body, 300)}`);
  assertNoInternals(a, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(a.body);
  } catch {
    assert.fail(`${what}: status ${a.status}, body is not JSON: ${clip(a.body, 200)}`);
  }
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `${what}: body is not a JSON object`);
  if (a.status >= 300) {
    const type = (parsed as { __type?: unknown }).__type;
    const known = KNOWN_JSON_ERRORS[service] ?? KNOWN_JSON_ERRORS['cognito-idp']!;
    assert.ok(typeof type === 'string' && known.has(type), `${what}: __type ${String(type)} is not an error the ${service} SDK knows (${clip(a.body, 200)})`);
    assert.equal(String(a.headers['x-amzn-errortype'] ?? '').replace(/:$/, ''), type, `${what}: x-amzn-ErrorType header`);
  }
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true });

/** A query-protocol answer: a success document, or `<ErrorResponse><Error><Code>` with a code the SDK knows. */
export function assertQueryAnswer(a: Answer, service: string, what: string): string {
  assert.ok(a.status < 500, `${what}: status ${a.status} ${clip(a.body, 300)}`);
  assertNoInternals(a, what);
  assert.match(String(a.headers['content-type'] ?? ''), /xml/, `${what}: content-type ${String(a.headers['content-type'])} (${clip(a.body)})`);
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(a.body, true) as Record<string, unknown>;
  } catch (e) {
    assert.fail(`${what}: the answer is not well-formed XML (${(e as Error).message}): ${clip(a.body)}`);
  }
  if (a.status < 300) {
    assert.ok(Object.keys(doc).some((k) => k.endsWith('Response')), `${what}: a success without a {Op}Response document: ${clip(a.body)}`);
    return '2xx';
  }
  const err = (doc.ErrorResponse as { Error?: { Code?: unknown; Message?: unknown; Type?: unknown } } | undefined)?.Error;
  assert.ok(err, `${what}: status ${a.status} without <ErrorResponse><Error>: ${clip(a.body)}`);
  assert.ok(typeof err.Code === 'string' && err.Code !== '', `${what}: <Error> without a <Code>: ${clip(a.body)}`);
  assert.ok(KNOWN_QUERY_ERRORS[service]!.has(err.Code), `${what}: <Code>${err.Code}</Code> is not an error the ${service} SDK knows`);
  assert.ok(err.Type === 'Sender', `${what}: <Type>${String(err.Type)}</Type> on a ${a.status}`);
  return err.Code;
}

/** An OAuth endpoint's answer: success JSON, an RFC 6749 JSON error, or a redirect carrying `error`. */
export function assertOAuthAnswer(a: Answer, what: string): string {
  assert.ok(a.status < 500, `${what}: status ${a.status} ${clip(a.body, 300)}`);
  assertNoInternals(a, what);
  if (a.status >= 300 && a.status < 400) {
    assert.ok(a.headers.location, `${what}: a redirect without Location`);
    return 'redirect';
  }
  if (a.status < 300) return '2xx';
  assert.match(String(a.headers['content-type'] ?? ''), /^application\/json/, `${what}: an OAuth error as ${String(a.headers['content-type'])}: ${clip(a.body)}`);
  const body = JSON.parse(a.body) as { error?: unknown; error_description?: unknown };
  assert.ok(typeof body.error === 'string' && OAUTH_ERRORS.has(body.error), `${what}: error ${String(body.error)} is not an RFC 6749 error code (${clip(a.body)})`);
  assert.ok(body.error_description === undefined || typeof body.error_description === 'string', `${what}: error_description is not a string`);
  return body.error;
}

/** Markup planted in inputs; a page that shows it unescaped lets an attacker script the sign-in page. */
export const MARKER = '<x-hostile data-x="1">';
export const MARKER_RE = /<x-hostile/i;

/** A hosted-UI page: HTML (or a redirect), never a stack trace, never the planted markup unescaped. */
export function assertPageAnswer(a: Answer, what: string): string {
  assert.ok(a.status < 500, `${what}: status ${a.status} ${clip(a.body, 300)}`);
  assertNoInternals(a, what);
  assert.ok(!MARKER_RE.test(a.body), `${what}: the page reflects planted markup unescaped: ${clip(a.body.slice(Math.max(0, a.body.search(MARKER_RE) - 80)), 200)}`);
  if (a.status >= 300 && a.status < 400) {
    assert.ok(a.headers.location, `${what}: a redirect without Location`);
    assert.ok(!MARKER_RE.test(String(a.headers.location)), `${what}: Location reflects planted markup unescaped`);
    return 'redirect';
  }
  if (a.status >= 400) {
    const type = String(a.headers['content-type'] ?? '');
    assert.match(type, /^text\/html/, `${what}: an error page as ${type}: ${clip(a.body)}`);
    assert.match(a.body, /^<!doctype html>/i, `${what}: not an HTML document: ${clip(a.body)}`);
  }
  return String(a.status);
}

// ------------------------------------------------------------------ the route table, from Fastify itself

export interface Route { method: string; path: string }

/** Every (method, path) Fastify serves, parsed from `printRoutes({ commonPrefix: false })` (a tree of path pieces). */
export function routesOf(app: { printRoutes(o: { commonPrefix: boolean }): string }): Route[] {
  const stack: string[] = [];
  const out: Route[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    for (const method of m[3]!.split(',').map((x) => x.trim())) out.push({ method, path: full });
  }
  return out;
}

// ------------------------------------------------------------------ bodies

export type Ctx = Record<string, string[]>;

export const arbString = (ctx: Ctx, key?: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(key && ctx[key]?.length ? ctx[key] : ['x'])) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' or 1=1 --", '%00', '\ud800', '😀'.repeat(200), MARKER, 'arn:aws:iam::000000000000:role/x') },
  );

/** An arbitrary that produces values shaped like a zod schema (and sometimes not quite). */
export function fromZod(schema: ZodTypeAny, ctx: Ctx, key?: string, depth = 0): fc.Arbitrary<unknown> {
  const def = (schema as { _def: Record<string, unknown> & { typeName?: string } })._def;
  const inner = (s: unknown) => fromZod(s as ZodTypeAny, ctx, key, depth + 1);
  if (depth > 6) return fc.constant('x');
  switch (def.typeName) {
    case 'ZodString':
      return arbString(ctx, key);
    case 'ZodNumber':
      return fc.oneof(fc.integer({ min: -2, max: 400 }), fc.constantFrom(0, -1, 1e308, 2 ** 53 + 1, 0.5, 3600));
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
      const options = def.options as unknown[] | Map<unknown, unknown>;
      const list = Array.isArray(options) ? options : [...options.values()];
      return fc.oneof(...list.map(inner));
    }
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) model[k] = fromZod(v, ctx, k, depth + 1);
      const required = Object.entries(shape).filter(([, v]) => !v.isOptional()).map(([k]) => k);
      return fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(model, { requiredKeys: [] }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export const deep = (n: number, leaf: string) => '{"a":'.repeat(n) + leaf + '}'.repeat(n);

/** A request body that prints shortly in counterexamples (some are megabytes long). */
export class Body {
  constructor(readonly data: string | Buffer) {}
  [fc.toStringMethod](): string {
    const s = String(this.data);
    return s.length > 300 ? `${JSON.stringify(s.slice(0, 150))}…(${s.length} chars)…${JSON.stringify(s.slice(-100))}` : JSON.stringify(s);
  }
}

const asObject = (b: unknown) => (b && typeof b === 'object' && !Array.isArray(b) ? { ...(b as object) } : {}) as Record<string, unknown>;
const pickKey = (o: Record<string, unknown>, i: number, fallback: string) => {
  const keys = Object.keys(o);
  return keys.length ? keys[i % keys.length]! : fallback;
};

/** Turns a well-shaped JSON body into a hostile one. */
export const hostileJson = (base: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  fc
    .oneof(
      { weight: 6, arbitrary: base.map((b) => JSON.stringify(b)) },
      // wrong type for one member
      { weight: 3, arbitrary: fc.tuple(base, fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([b, v, i]) => {
        const o = asObject(b);
        o[pickKey(o, i, 'Extra')] = v;
        return JSON.stringify(o);
      }) },
      // truncated
      fc.tuple(base, fc.nat()).map(([b, i]) => {
        const s = JSON.stringify(b) ?? '';
        return s.slice(0, s.length ? i % s.length : 0);
      }),
      // oversized member (under the body limit)
      fc.tuple(base, fc.integer({ min: 10_000, max: 300_000 }), fc.nat()).map(([b, n, i]) => {
        const o = asObject(b);
        o[pickKey(o, i, 'Username')] = 'A'.repeat(n);
        return JSON.stringify(o);
      }),
      // many or huge unknown keys
      fc.integer({ min: 1, max: 5_000 }).map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}${'k'.repeat(n > 100 ? 0 : 2000)}`, i])))),
      // deeply nested, as a member and as the whole body
      fc.tuple(base, fc.integer({ min: 100, max: 20_000 }), fc.nat()).map(([b, n, i]) => {
        const o = asObject(b);
        const s = JSON.stringify(o);
        const key = pickKey(o, i, 'UserAttributes');
        return s === '{}' ? `{"${key}":${deep(n, '1')}}` : s.replace(/^\{/, `{"${key}":${deep(n, '1')},`);
      }),
      fc.integer({ min: 100, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      // not JSON, not UTF-8, not an object
      fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)),
      fc.tuple(base, fc.constantFrom(Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0x00]))).map(([b, bad]) => {
        const s = Buffer.from(JSON.stringify(b) ?? '{}');
        return Buffer.concat([s.subarray(0, Math.floor(s.length / 2)), bad, s.subarray(Math.floor(s.length / 2))]);
      }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom('', 'null', '[]', '"str"', '1e999', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '\uFEFF{}'),
    )
    .map((d) => new Body(d));

/** The AWS query protocol's flattening of a nested input (the inverse of src/protocols/query-input.ts). */
export function flatten(v: unknown, prefix = '', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(v)) {
    if (v.length === 0 && prefix) out.push([prefix, '']);
    v.forEach((x, i) => flatten(x, `${prefix}.member.${i + 1}`, out));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (v !== undefined && prefix) {
    out.push([prefix, typeof v === 'string' ? v : JSON.stringify(v) ?? '']);
  }
  return out;
}

/** A form-encoded body of pairs, made hostile: encodings, truncation, repetition, size, nesting. */
export const hostileForm = (pairs: fc.Arbitrary<[string, string][]>): fc.Arbitrary<Body> =>
  fc
    .oneof(
      { weight: 6, arbitrary: pairs.map((p) => new URLSearchParams(p).toString()) },
      // truncated
      fc.tuple(pairs, fc.nat()).map(([p, i]) => {
        const s = new URLSearchParams(p).toString();
        return s.slice(0, s.length ? i % s.length : 0);
      }),
      // bad percent-encoding and bytes that are not UTF-8
      fc.tuple(pairs, fc.constantFrom('%', '%zz', '%ff%fe', '%c0%af', '%ed%a0%80', '%00', '&&&==', '=')).map(([p, bad]) => `${new URLSearchParams(p).toString()}&${bad}`),
      fc.tuple(pairs, fc.uint8Array({ maxLength: 60 })).map(([p, u]) => Buffer.concat([Buffer.from(new URLSearchParams(p).toString()), Buffer.from(u)])),
      // repeated and oversized parameters
      fc.tuple(pairs, fc.nat()).map(([p, i]) => new URLSearchParams([...p, ...(p.length ? [p[i % p.length]!] : [])]).toString()),
      fc.tuple(pairs, fc.integer({ min: 10_000, max: 300_000 }), fc.nat()).map(([p, n, i]) => {
        const q = [...p];
        if (q.length) q[i % q.length] = [q[i % q.length]![0], 'A'.repeat(n)];
        else q.push(['X', 'A'.repeat(n)]);
        return new URLSearchParams(q).toString();
      }),
      fc.integer({ min: 100, max: 20_000 }).map((n) => new URLSearchParams([['Action', 'GetCallerIdentity'], [Array.from({ length: n }, () => 'a').join('.'), 'x']]).toString()),
      fc.integer({ min: 1, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => `K${i}.member.${i}=${i}`).join('&')),
      fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)),
      fc.constantFrom('', '{}', '[]', 'Action', 'Action=', '__proto__.polluted=1&Action=GetCallerIdentity', 'constructor.prototype.x=1', 'Tags.member.99999999999.Key=a'),
    )
    .map((d) => new Body(d));

// ------------------------------------------------------------------ headers

const tokenChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-0123456789'.split(''));
export const headerValue = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), maxLength: 300 });
const FORBIDDEN = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'te', 'keep-alive']);

/** A SigV4 Authorization header that is almost, or not at all, right. */
export const badAuthorization = fc.oneof(
  headerValue,
  fc.tuple(
    fc.constantFrom('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1', 'aws4-hmac-sha256', 'AWS', 'Bearer', ''),
    fc.constantFrom(`${ADMIN.accessKeyId}/20261127/us-east-1/cognito-idp/aws4_request`, `${ADMIN.accessKeyId}/20261127/us-east-1/sts/aws4_request`,
      'AKIANOSUCHKEY0000000/20261127/us-east-1/iam/aws4_request', 'x', '', '////', `${ADMIN.accessKeyId}/2026/../../sts/aws4_request`, 'ASIA0000000000000000/1/2/3/4/5'),
    fc.constantFrom('host;x-amz-date', 'host', '', ';;;', 'x-amz-target;host;x-amz-date;content-type', 'A'.repeat(3000)),
    fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), maxLength: 70 }), fc.constantFrom('0'.repeat(64), 'zz')),
  ).map(([alg, cred, sh, sig]) => `${alg} Credential=${cred}, SignedHeaders=${sh}, Signature=${sig}`),
);

/** A Cookie header: the hosted UI's own names with forged values, bad percent-encoding, huge, or random. */
export const badCookie = fc.oneof(
  headerValue,
  fc.tuple(fc.constantFrom(CSRF_COOKIE, 'cognito-us-east-1_x', STATE_COOKIE, 'x', ''), fc.constantFrom('%', '%zz', '%ff', 'A'.repeat(4000), '', '=;=;=', MARKER.replace(/[ ;"]/g, ''), 'a'.repeat(32)))
    .map(([k, v]) => `${k}=${v}`),
);

/** Random and hostile request headers (never ones that change the framing; those are tested on raw sockets). */
export const randomHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom('x-amz-target', 'content-type', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'x-forwarded-for', 'cookie', 'origin', 'x-amz-user-agent', 'amz-sdk-request', 'accept', 'accept-encoding', 'range', 'if-none-match'),
    fc.string({ unit: tokenChar, minLength: 1, maxLength: 20 }),
  ).filter((h) => !FORBIDDEN.has(h)),
  headerValue,
  { maxKeys: 4 },
);

/** Headers with a purpose: a bad Authorization, a bad cookie, a huge header, a wrong content type, or random. */
export const hostileHeaders = fc.oneof(
  { weight: 3, arbitrary: randomHeaders },
  fc.record({ authorization: badAuthorization }),
  fc.record({ cookie: badCookie }),
  fc.record({ 'x-amz-date': fc.constantFrom('20261127T000000Z', 'garbage', '99999999T999999Z', ''), authorization: badAuthorization }),
  fc.integer({ min: 1_000, max: 15_000 }).map((n) => ({ 'x-pad': 'p'.repeat(n) })),
  fc.integer({ min: 10, max: 80 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-h${i}`, 'v'.repeat(100)]))),
);

export const contentTypes = fc.constantFrom(
  'application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json', 'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', 'text/xml', '', ';;;', 'application/json; charset=utf-16',
);
