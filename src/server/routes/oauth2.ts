/**
 * The OAuth 2.0 / OpenID Connect endpoints of the protocol core on the API listener: POST /oauth2/token,
 * GET|POST /oauth2/userInfo, POST /oauth2/revoke. The pool is found from the client (ids are unique across
 * pools) or the token, so no host or path names a pool. Bodies are form-encoded; parameters sent twice are
 * invalid_request (RFC 6749 §3.2). Errors are RFC 6749 JSON (token, revoke) or RFC 6750 WWW-Authenticate
 * (userInfo). Responses carrying tokens are never cached. `registerOAuthEndpoints` lets the hosted UI mount
 * the same handlers under its own prefix. Rules live in src/oauth/; nothing here decides who gets a token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, oauthError } from '../../oauth/errors.js';
import { tokenRequest } from '../../oauth/token-endpoint.js';
import { userInfo } from '../../oauth/userinfo.js';
import { revokeRequest } from '../../oauth/revoke.js';
import type { Services } from '../../services.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** The form body; invalid_request for another media type or a repeated parameter. */
export function formOf(req: FastifyRequest, opts: { optional?: boolean } = {}): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (type !== 'application/x-www-form-urlencoded') {
    if (opts.optional && body === '') return new URLSearchParams();
    throw oauthError('invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(body);
  const seen = new Set<string>();
  for (const k of form.keys()) {
    if (seen.has(k)) throw oauthError('invalid_request', `Parameter ${k} is included more than once.`);
    seen.add(k);
  }
  return form;
}

const authorizationOf = (req: FastifyRequest) => (typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);

/** RFC 6749 §5.2 JSON error (token and revocation endpoints). */
function sendOAuthError(reply: FastifyReply, e: OAuthError, basicTried: boolean): FastifyReply {
  if (e.status === 401 && basicTried) reply.header('www-authenticate', 'Basic realm="cognate", charset="UTF-8"');
  reply.header('x-amzn-ErrorType', `${e.error}:`);
  return reply.status(e.status).headers(NO_STORE).header('content-type', 'application/json').send(JSON.stringify({ error: e.error, error_description: e.description }));
}

const quoted = (s: string) => s.replace(/["\\]/g, "'");

/**
 * RFC 6750 §3 error for the userInfo endpoint, with Cognito's statuses and texts: a request without a usable
 * bearer token is 400 invalid_request ("Bad OAuth2 request at UserInfo Endpoint"), a token that is malformed,
 * expired, revoked, not an access token or without `openid` is 401 invalid_token. The challenge carries the
 * `Bearer` scheme RFC 6750 requires (Cognito's documented header omits it); the body repeats it as JSON.
 */
function sendBearerError(reply: FastifyReply, e: OAuthError): FastifyReply {
  reply.header('x-amzn-ErrorType', `${e.error}:`);
  return reply
    .status(e.status)
    .headers(NO_STORE)
    .header('www-authenticate', `Bearer error="${e.error}", error_description="${quoted(e.description)}"`)
    .header('content-type', 'application/json')
    .send(JSON.stringify({ error: e.error, error_description: e.description }));
}

export const BAD_USERINFO_REQUEST = 'Bad OAuth2 request at UserInfo Endpoint';

async function guarded(reply: FastifyReply, run: () => Promise<FastifyReply>, onError: (e: OAuthError) => FastifyReply): Promise<FastifyReply> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof OAuthError) return onError(e);
    throw e;
  }
}

/**
 * Failures before a handler runs (a body over the limit, a Content-Type that does not parse) are answered as
 * RFC 6749 `invalid_request` too, never in the AWS API's JSON error shape an OAuth client cannot read.
 */
function frameworkErrors(render: (reply: FastifyReply, e: OAuthError) => FastifyReply) {
  return (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof OAuthError) return render(reply, err);
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return render(reply, oauthError('invalid_request', err.statusCode === 413 ? 'The request body is larger than allowed.' : 'The request body could not be read.'));
    }
    req.log.error({ err, reqId: req.id }, 'unexpected error in an OAuth endpoint');
    return render(reply, oauthError('server_error', `Internal error; request id ${req.id}.`, 500));
  };
}

export function registerOAuthEndpoints(app: FastifyInstance, svc: Services, prefix = ''): void {
  const jsonErrors = { errorHandler: frameworkErrors((reply, e) => sendOAuthError(reply, e, false)) };
  const bearerErrors = { errorHandler: frameworkErrors((reply, e) => sendBearerError(reply, e)) };
  app.post(`${prefix}/oauth2/token`, jsonErrors, async (req, reply) => {
    const authorization = authorizationOf(req);
    return guarded(
      reply,
      async () => {
        const body = await tokenRequest(svc, { authorization, form: formOf(req) });
        return reply.status(200).headers(NO_STORE).header('content-type', 'application/json').send(JSON.stringify(body));
      },
      (e) => sendOAuthError(reply, e, authorization !== undefined && /^basic\s/i.test(authorization)),
    );
  });

  const userInfoHandler = async (req: FastifyRequest, reply: FastifyReply) =>
    guarded(
      reply,
      async () => {
        const header = authorizationOf(req);
        const bearer = header !== undefined && /^bearer(\s|$)/i.test(header) ? header.replace(/^bearer\s*/i, '').trim() : undefined;
        const form = req.method === 'POST' ? formOf(req, { optional: true }) : new URLSearchParams();
        const inBody = form.get('access_token') ?? undefined;
        // RFC 6750 §2: one method per request; another Authorization scheme is not a bearer token at all.
        if (bearer !== undefined && inBody !== undefined) throw oauthError('invalid_request', BAD_USERINFO_REQUEST);
        if (header !== undefined && bearer === undefined) throw oauthError('invalid_request', BAD_USERINFO_REQUEST);
        const token = bearer ?? inBody;
        if (token === undefined || token === '') throw oauthError('invalid_request', BAD_USERINFO_REQUEST);
        return reply.status(200).headers(NO_STORE).header('content-type', 'application/json').send(JSON.stringify(await userInfo(svc, token)));
      },
      (e) => sendBearerError(reply, e),
    );
  app.get(`${prefix}/oauth2/userInfo`, bearerErrors, userInfoHandler);
  app.post(`${prefix}/oauth2/userInfo`, bearerErrors, userInfoHandler);

  app.post(`${prefix}/oauth2/revoke`, jsonErrors, async (req, reply) => {
    const authorization = authorizationOf(req);
    return guarded(
      reply,
      async () => {
        await revokeRequest(svc, { authorization, form: formOf(req) });
        return reply.status(200).headers(NO_STORE).send();
      },
      (e) => sendOAuthError(reply, e, authorization !== undefined && /^basic\s/i.test(authorization)),
    );
  });
}

export default function oauth2(app: FastifyInstance, svc: Services): void {
  registerOAuthEndpoints(app, svc);
}
