/**
 * The AWS query protocol adapter (STS and IAM): `POST /` with a form-encoded body (or `GET` with the same
 * pairs in the query string) carrying `Action` and `Version`. The service is the SigV4 credential scope's
 * (`sts` or `iam`), or for unsigned calls the one whose registry has the Action. Inputs are rebuilt from the
 * flattened fields and validated with the handler's zod schema; results and errors are rendered as the XML the
 * AWS SDKs parse (query-xml.ts), with the common errors renamed to the codes STS/IAM use on this protocol.
 * It knows nothing of roles or policies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, ServiceError } from '../errors.js';
import { formPairs, unflatten } from './query-input.js';
import { errorXml, resultXml } from './query-xml.js';
import { validationError } from './validation.js';
import { authenticate, authorizeOperation, type Authenticated } from './signed-caller.js';
import type { LazyOperations } from '../handlers/registry.js';
import type { Services } from '../services.js';

export const QUERY_SERVICES = ['sts', 'iam'] as const;
const FORM = /^application\/x-www-form-urlencoded\b/i;

/** Does this request speak the query protocol (form body without X-Amz-Target, or GET with ?Action=)? */
export function isQueryRequest(req: FastifyRequest): boolean {
  if (req.headers['x-amz-target'] !== undefined) return false;
  if (req.method === 'POST') return FORM.test(String(req.headers['content-type'] ?? ''));
  return req.method === 'GET' && /[?&]Action=/.test(req.url);
}

/** Common JSON-family error types → the code and status this protocol uses for them. */
function wireError(service: string, e: ServiceError): { code: string; status: number } {
  switch (e.type) {
    case 'InvalidParameterException':
      return { code: 'ValidationError', status: 400 };
    case 'SerializationException':
      return { code: 'MalformedQueryString', status: 400 };
    case 'UnknownOperationException':
      return { code: 'InvalidAction', status: 400 };
    case 'MissingAuthenticationTokenException':
      return { code: 'MissingAuthenticationToken', status: 403 };
    case 'UnrecognizedClientException':
      return { code: 'InvalidClientTokenId', status: 403 };
    case 'InvalidSignatureException':
      return { code: 'SignatureDoesNotMatch', status: 403 };
    case 'IncompleteSignatureException':
      return { code: 'IncompleteSignature', status: 403 };
    case 'ExpiredTokenException':
      return { code: service === 'sts' ? 'ExpiredTokenException' : 'ExpiredToken', status: 400 };
    case 'AccessDeniedException':
      return { code: 'AccessDenied', status: 403 };
    case 'InternalErrorException':
      return { code: 'InternalFailure', status: 500 };
    default:
      return { code: e.type, status: e.status };
  }
}

export function sendQueryError(reply: FastifyReply, service: string, e: ServiceError, requestId: string): FastifyReply {
  const { code, status } = wireError(service, e);
  return reply
    .status(status)
    .header('content-type', 'text/xml')
    .header('x-amzn-ErrorType', `${code}:`)
    .send(errorXml(service, status >= 500 ? 'Receiver' : 'Sender', code, e.message, requestId));
}

/** The service named by a SigV4 credential scope (header or presigned query), if any. */
function scopedService(req: FastifyRequest, pairs: readonly [string, string][]): string | undefined {
  const auth = req.headers.authorization;
  const credential = typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : pairs.find(([k]) => k === 'X-Amz-Credential')?.[1];
  return credential?.split('/')[3];
}

export async function handleQueryRequest(svc: Services, operations: LazyOperations, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const q = req.url.indexOf('?');
  const pairs = [...(q < 0 ? [] : formPairs(req.url.slice(q + 1))), ...formPairs(raw.toString('utf8'))];
  const action = pairs.find(([k]) => k === 'Action')?.[1];
  const version = pairs.find(([k]) => k === 'Version')?.[1];
  const scoped = scopedService(req, pairs);
  const service =
    scoped && (QUERY_SERVICES as readonly string[]).includes(scoped)
      ? scoped
      : QUERY_SERVICES.find((s) => action !== undefined && operations.has(s, action)) ?? scoped ?? 'sts';
  const r = req as FastifyRequest & { operation?: string };
  r.operation = 'unknown';
  try {
    if (!action) throw new ServiceError('MissingAction', 'Missing Action: the query protocol expects Action=… (e.g. Action=GetCallerIdentity&Version=2011-06-15).', 400);
    const op = await operations.find(service, action);
    if (!op) throw errors.unknownOperation(`Could not find operation ${action} for version ${version ?? '(none)'} in Cognate's ${service} API (see docs/compatibility.md).`);
    r.operation = action;
    const regions = service === 'iam' || service === 'sts' ? [...new Set([...svc.regions, 'us-east-1'])] : svc.regions;
    const auth: Authenticated | undefined = op.auth === 'iam' ? await authenticate(svc, req, raw, service, action, regions) : undefined;
    const parsed = op.input.safeParse(unflatten(pairs));
    if (!parsed.success) throw validationError(parsed.error);
    if (auth) authorizeOperation(svc, req, auth, op, parsed.data);
    const out = await op.run(parsed.data, { svc, requestId: req.id, principal: auth?.principal, caller: auth?.caller, sourceIp: req.ip, headers: req.headers });
    return reply.status(200).header('content-type', 'text/xml').send(resultXml(service, action, out, req.id));
  } catch (e) {
    if (e instanceof ServiceError) return sendQueryError(reply, service, e, req.id);
    req.log.error({ err: e, reqId: req.id, operation: r.operation }, 'unexpected error');
    return sendQueryError(reply, service, errors.internal(`Internal error; request id ${req.id}.`), req.id);
  }
}
