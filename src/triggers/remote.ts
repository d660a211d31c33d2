/**
 * The two remote ways to run a function: (b) an HTTP(S) endpoint that receives the event as JSON, signed with
 * HMAC-SHA256 over "{timestamp}.{body}" (headers x-cognate-timestamp, x-cognate-signature: sha256=<hex>) so the
 * endpoint can reject forged and replayed events; (c) the AWS Lambda Invoke API
 * (POST /2015-03-31/functions/{name}/invocations, SigV4 service "lambda") at the configured endpoint or AWS's
 * regional one. Both answer with the same outcomes as local modules. Never logs an event or a secret.
 */
import { createHmac } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { JobOutcome } from './worker-pool.js';
import { TIMEOUT_MESSAGE } from './worker-pool.js';

export const SIGNATURE_HEADER = 'x-cognate-signature';
export const TIMESTAMP_HEADER = 'x-cognate-timestamp';

/** The signature an endpoint should expect for a body sent at `timestamp` (epoch seconds). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function post(url: string, init: RequestInit, timeoutMs: number): Promise<Response | JobOutcome> {
  try {
    return await fetch(url, { ...init, method: 'POST', redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'unexpected', message: TIMEOUT_MESSAGE };
    return { kind: 'unexpected', message: 'Unable to reach the Lambda function endpoint' };
  }
}

/** A JSON error body `{errorMessage, errorType}` as Lambda runtimes write it, if that is what `text` is. */
function functionError(text: string): { errorType: string; message: string } | undefined {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (o && typeof o === 'object' && typeof o.errorMessage === 'string') {
      return { errorType: typeof o.errorType === 'string' ? o.errorType : 'Error', message: o.errorMessage };
    }
  } catch {
    // not JSON
  }
  return undefined;
}

const MAX_RESPONSE = 6 * 1024 * 1024; // Lambda's synchronous payload limit

async function readBody(res: Response): Promise<string | JobOutcome> {
  const text = await res.text().catch(() => undefined);
  if (text === undefined) return { kind: 'unexpected', message: TIMEOUT_MESSAGE };
  if (text.length > MAX_RESPONSE) return { kind: 'invalid', message: 'response too large' };
  return text;
}

export async function invokeUrl(
  target: { url: string; secret?: string; functionName: string },
  event: unknown,
  timeoutMs: number,
  now: () => number,
): Promise<JobOutcome> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-cognate-function': target.functionName, [TIMESTAMP_HEADER]: timestamp };
  if (target.secret) headers[SIGNATURE_HEADER] = webhookSignature(target.secret, timestamp, body);
  const res = await post(target.url, { headers, body }, timeoutMs);
  if (!(res instanceof Response)) return res;
  const text = await readBody(res);
  if (typeof text !== 'string') return text;
  if (res.ok && !res.headers.get('x-amz-function-error')) return { kind: 'result', payload: text };
  const fe = functionError(text);
  if (fe) return { kind: 'function-error', ...fe };
  return { kind: 'unexpected', message: `Lambda function endpoint answered HTTP ${res.status}` };
}

export interface InvokeApiTarget {
  /** The ARN or name as configured in the pool (the path parameter, URL-encoded). */
  functionName: string;
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export async function invokeLambdaApi(target: InvokeApiTarget, event: unknown, timeoutMs: number): Promise<JobOutcome> {
  const base = new URL(target.endpoint);
  const path = `${base.pathname.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(target.functionName)}/invocations`;
  const body = JSON.stringify(event);
  let request = new HttpRequest({
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port ? Number(base.port) : undefined,
    method: 'POST',
    path,
    headers: { host: base.host, 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
    body,
  });
  if (target.credentials) {
    const signer = new SignatureV4({ service: 'lambda', region: target.region, credentials: target.credentials, sha256: Sha256 });
    request = (await signer.sign(request)) as HttpRequest;
  }
  const url = `${base.protocol}//${base.host}${path}`;
  // fetch sets Host itself (to the same value that was signed).
  const { host: _host, ...headers } = request.headers;
  const res = await post(url, { headers, body }, timeoutMs);
  if (!(res instanceof Response)) return res;
  const text = await readBody(res);
  if (typeof text !== 'string') return text;
  if (res.status === 200) {
    if (res.headers.get('x-amz-function-error')) {
      const fe = functionError(text);
      return { kind: 'function-error', ...(fe ?? { errorType: 'Error', message: text.slice(0, 1000) }) };
    }
    return { kind: 'result', payload: text };
  }
  // Service errors (no such function, access denied, throttled): Cognito reports the error type.
  let type = `HTTP ${res.status}`;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const t = (o.__type ?? o.Type ?? o.code) as string | undefined;
    if (typeof t === 'string') type = t.split('#').pop()!.split(':')[0]!;
  } catch {
    // keep the status
  }
  const header = res.headers.get('x-amzn-errortype');
  if (header) type = header.split(':')[0]!;
  return { kind: 'unexpected', message: type };
}
