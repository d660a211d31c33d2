/**
 * The AWS JSON 1.1 adapter: `POST` (any path) with `X-Amz-Target: {Prefix}.{Operation}`. It parses and
 * validates the body, checks SigV4 for IAM-authorized operations, runs the handler and renders the result or
 * error the way the AWS SDKs, amazon-cognito-identity-js and Amplify read it. It knows nothing of identities.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors, ServiceError } from '../errors.js';
import { validationError } from './validation.js';
import { authenticate, authorizeOperation, type Authenticated } from './signed-caller.js';
import type { LazyOperations } from '../handlers/registry.js';
import type { Services } from '../services.js';

export const TARGET_PREFIXES: Record<string, string> = {
  AWSCognitoIdentityProviderService: 'cognito-idp',
  AWSCognitoIdentityService: 'cognito-identity',
};

const JSON_TYPES = /^application\/(x-amz-json-1\.[01]|json)\b/i;

export function sendJsonError(reply: FastifyReply, err: ServiceError): FastifyReply {
  const message = err.message;
  // Clients refuse response headers beyond 16 KiB in total, and messages may echo caller input: cap the header copy.
  const headerMessage = message.length > 1024 ? `${message.slice(0, 1024)}...` : message;
  return reply
    .status(err.status)
    .header('content-type', 'application/x-amz-json-1.1')
    .header('x-amzn-ErrorType', `${err.type}:`)
    .header('x-amzn-ErrorMessage', /^[\x20-\x7e]*$/.test(headerMessage) ? headerMessage : encodeURIComponent(headerMessage).slice(0, 3072).replace(/%[0-9A-F]?$/, ''))
    .send(JSON.stringify({ __type: err.type, message, ...(err.extra ?? {}) }));
}

export async function handleJsonRequest(
  svc: Services,
  operations: LazyOperations,
  req: FastifyRequest,
  reply: FastifyReply,
  target: string,
): Promise<unknown> {
  const dot = target.lastIndexOf('.');
  const service = TARGET_PREFIXES[target.slice(0, dot)];
  const opName = target.slice(dot + 1);
  const op = service ? await operations.find(service, opName) : undefined;
  (req as { operation?: string }).operation = op ? opName : 'unknown';
  if (!op) {
    throw errors.unknownOperation(
      service ? `Operation ${opName} is not supported by Cognate's ${service} API (see docs/compatibility.md).` : `Unknown X-Amz-Target '${target}'.`,
    );
  }
  const contentType = String(req.headers['content-type'] ?? '');
  if (!JSON_TYPES.test(contentType)) {
    throw errors.serialization(`Content-Type must be application/x-amz-json-1.1 for ${opName}, not '${contentType || '(none)'}'.`);
  }
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const auth: Authenticated | undefined = op.auth === 'iam' ? await authenticate(svc, req, raw, service, opName) : undefined;
  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw errors.serialization('The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw errors.serialization('The request body must be a JSON object.');
  const parsed = op.input.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  if (auth) authorizeOperation(svc, req, auth, op, parsed.data);
  const out = await op.run(parsed.data, {
    svc,
    requestId: req.id,
    principal: auth?.principal,
    caller: auth?.caller,
    sourceIp: req.ip,
    headers: req.headers,
  });
  return reply.status(200).header('content-type', 'application/x-amz-json-1.1').send(JSON.stringify(out ?? {}));
}
