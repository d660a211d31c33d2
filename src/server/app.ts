/**
 * The HTTP application: one Fastify instance serving every API on one port. It owns the cross-cutting parts
 * (request ids, CORS, body limits, error rendering, metrics, health) and hands each request to its protocol
 * adapter. Route modules in src/server/routes/ are discovered and registered here.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { ServiceError, errors } from '../errors.js';
import { handleJsonRequest, sendJsonError } from '../protocols/aws-json.js';
import { handleQueryRequest, isQueryRequest } from '../protocols/aws-query.js';
import { lazyOperations } from '../handlers/registry.js';
import { createMetrics } from './metrics.js';
import type { Services } from '../services.js';

export type RouteModule = (app: FastifyInstance, svc: Services) => void | Promise<void>;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
};
const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, authorization, amz-sdk-invocation-id, amz-sdk-request, cache-control, x-amz-client-context',
  'access-control-max-age': '86400',
};

type Req = FastifyRequest & { operation?: string };

/** Maps framework-level failures (body too large, bad media type, …) to client errors. */
function toServiceError(err: unknown, maxBody: number): ServiceError | undefined {
  if (err instanceof ServiceError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.invalidParameter(`The request body is larger than the ${maxBody} bytes allowed.`);
  if (code.startsWith('FST_ERR_CTP_')) return errors.serialization(`The request body could not be read: ${(err as Error).message}`);
  const status = (err as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) return errors.invalidParameter((err as Error).message);
  return undefined;
}

/**
 * Requests Node cannot even parse (garbage request lines, oversized headers, senders too slow for the request
 * timeout) never reach a route: answer them in the same AWS JSON error shape as everything else, then close.
 */
function clientErrorHandler(err: Error & { code?: string }, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'The request was not received completely within the request timeout.']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are larger than allowed.']
        : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ __type: 'SerializationException', message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: SerializationException:\r\n` +
        `Access-Control-Allow-Origin: *\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** `https`: key and certificate chain for a TLS listener (the hosted UI's); the same routes are served. */
export async function buildApp(svc: Services, opts: { https?: { key: string; cert: string } } = {}): Promise<FastifyInstance> {
  const metrics = createMetrics();
  // Node checks request/header deadlines only every connectionsCheckingInterval (30 s by default), so a short
  // requestTimeout needs a matching check period or slow-loris senders outlive it.
  const timeouts = {
    headersTimeout: Math.min(60_000, svc.config.requestTimeoutMs),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(svc.config.requestTimeoutMs / 4))),
  };
  const app = (Fastify as unknown as (o: Record<string, unknown>) => FastifyInstance)({
    // Fastify hands `http` options only to a plain HTTP server: the TLS listener gets the same deadlines through
    // its `https` options, plus a handshake deadline (Node's default lets a stalled handshake hold a socket 120 s).
    ...(opts.https ? { https: { ...opts.https, ...timeouts, handshakeTimeout: Math.min(120_000, svc.config.requestTimeoutMs) } } : {}),
    loggerInstance: svc.log as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: svc.config.maxBodyBytes,
    trustProxy: false,
    connectionTimeout: svc.config.idleTimeoutMs,
    requestTimeout: svc.config.requestTimeoutMs,
    http: timeouts,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    clientErrorHandler,
  });
  // Handler modules are imported on their first request (idle memory: only the APIs in use are loaded).
  const registries = await lazyOperations();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-amzn-RequestId', req.id);
    for (const [k, v] of Object.entries(CORS_HEADERS)) reply.header(k, v);
  });

  app.addHook('onResponse', async (req: Req, reply) => {
    const operation = req.operation ?? req.routeOptions.url ?? 'unmatched';
    const error = String(reply.getHeader('x-amzn-ErrorType') ?? '').replace(/:$/, '');
    metrics.requests.inc({ operation, error });
    metrics.latency.observe({ operation }, reply.elapsedTime / 1000);
    req.log.info({ reqId: req.id, operation, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, error: error || undefined }, 'request');
  });

  app.setErrorHandler((err, req: Req, reply) => {
    const known = toServiceError(err, svc.config.maxBodyBytes);
    if (known) return sendJsonError(reply, known);
    req.log.error({ err, reqId: req.id, operation: req.operation }, 'unexpected error');
    return sendJsonError(reply, errors.internal(`Internal error; request id ${req.id}.`));
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'OPTIONS') return reply.status(204).headers(PREFLIGHT_HEADERS).send();
    return sendJsonError(reply, errors.resourceNotFound(`No route for ${req.method} ${req.url.split('?')[0]}.`).withStatus(404));
  });

  app.options('/*', async (_req, reply) => reply.status(204).headers(PREFLIGHT_HEADERS).send());

  const jsonApi = async (req: FastifyRequest, reply: FastifyReply) => {
    // STS and IAM speak the query protocol (form fields, XML) on the same port.
    if (isQueryRequest(req)) return handleQueryRequest(svc, registries, req, reply);
    const target = req.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.includes('.')) {
      throw errors.unknownOperation('Missing or malformed X-Amz-Target header; the AWS JSON API expects e.g. AWSCognitoIdentityProviderService.ListUserPools.');
    }
    return handleJsonRequest(svc, registries, req, reply, target);
  };
  app.post('/', jsonApi);
  app.post('/*', jsonApi);
  app.get('/', async (req, reply) => {
    if (isQueryRequest(req)) return handleQueryRequest(svc, registries, req, reply);
    return sendJsonError(reply, errors.resourceNotFound('No route for GET /.').withStatus(404));
  });

  app.get('/health', async (_req, reply) => {
    try {
      await sql`select 1`.execute(svc.db);
      return reply.send({ status: 'ok', database: svc.store.dialect });
    } catch (e) {
      return reply.status(503).send({ status: 'unavailable', database: svc.store.dialect, error: (e as Error).message });
    }
  });
  app.get('/metrics', async (_req, reply) => reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()));

  const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'routes');
  const routeFiles = await readdir(routesDir).catch(() => [] as string[]);
  for (const file of routeFiles.filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort()) {
    const mod = (await import(pathToFileURL(path.join(routesDir, file)).href)) as { default: RouteModule };
    await mod.default(app, svc);
  }
  return app;
}
