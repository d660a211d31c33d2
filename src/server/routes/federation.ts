/**
 * The browser side of federation: `GET /oauth2/idpstart?state=…` binds the sign-in to this browser with an
 * HttpOnly cookie and sends it to the external IdP; `GET /oauth2/idpresponse` (the redirect URI registered at the
 * IdP) finishes the sign-in and sends the browser back to the app. Both answer at the root (any host: publicUrl,
 * a domain host) and under `/domain/{prefix}`, and a sign-in comes back to the mount that started it, so its
 * cookies (state, then the SSO session) are scoped to that host and path. The IdP may answer by GET (query
 * response mode) or by POST of a form (`response_mode=form_post`, OAuth 2.0 Form Post Response Mode), with the
 * same state and browser-binding checks. A form_post arrives as a cross-site POST, which carries no SameSite=Lax
 * cookie, so the binding is set twice: a Lax cookie for the GET and a `SameSite=None; Secure` one for the POST
 * (browsers keep Secure cookies over https and on localhost). When no trustworthy app redirect exists (bad or
 * replayed state) a plain error page is shown instead; nothing here redirects to a URL taken from the request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { FederationError } from '../../federation/errors.js';
import { bindBrowser, completeFederatedSignIn, STATE_COOKIE, STATE_TTL_MS, type IdpResponse } from '../../federation/sign-in.js';
import { domainByPrefix } from '../../hosted-ui/domains.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function errorPage(reply: FastifyReply, message: string, status = 400) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p>${escape(message)}</p></main></body></html>`);
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(0, i).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined; // not valid percent-encoding: none of ours, so the sign-in is refused as unbound
    }
  }
  return undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

const MOUNTS = ['', '/domain/:domain'];

/** The binding cookie a cross-site form_post POST carries (SameSite=None needs Secure). */
const POST_STATE_COOKIE = `${STATE_COOKIE}-post`;

/** response_mode=form_post: the parameters from the urlencoded body (never the query); a string is the refusal. */
function postedResponse(req: FastifyRequest): IdpResponse | string {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return 'The identity provider posted something other than a form; sign-in cannot continue.';
  const form = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
  for (const k of ['state', 'code', 'error', 'error_description']) {
    if (form.getAll(k).length > 1) return `The identity provider sent ${k} more than once.`;
  }
  const get = (k: string) => form.get(k) ?? undefined;
  return { state: get('state'), code: get('code'), error: get('error'), error_description: get('error_description') };
}

/** '' or `/domain/{prefix}`; undefined when the path names no prefix domain. */
async function baseOf(svc: Services, req: FastifyRequest): Promise<string | undefined> {
  const prefix = (req.params as { domain?: string }).domain;
  if (prefix === undefined) return '';
  const row = await domainByPrefix(svc, prefix);
  return row ? `/domain/${row.domain}` : undefined;
}

export default function federation(app: FastifyInstance, svc: Services): void {
  // Secure over TLS, or when publicUrl says a TLS proxy is in front; a plain-http localhost never gets it back.
  const secureOf = (req: FastifyRequest) => (req.protocol === 'https' || svc.config.publicUrl.startsWith('https:') ? '; Secure' : '');

  const idpStart = async (req: FastifyRequest, reply: FastifyReply) => {
    const base = await baseOf(svc, req);
    const state = text((req.query as Record<string, unknown>).state);
    const target = state && base !== undefined ? await bindBrowser(svc, state) : undefined;
    if (!state || !target) return errorPage(reply, 'This sign-in link is unknown or expired; start again from the app.');
    // SameSite=Lax: the IdP brings the browser back with a top-level GET, which Lax cookies accompany; an IdP
    // answering by form_post brings it back with a cross-site POST, which only a SameSite=None cookie rides.
    const path = `${base}/oauth2/idpresponse`;
    const value = encodeURIComponent(state);
    const maxAge = STATE_TTL_MS / 1000;
    return reply
      .header('set-cookie', [
        `${STATE_COOKIE}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureOf(req)}`,
        `${POST_STATE_COOKIE}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=None; Secure`,
      ])
      .header('cache-control', 'no-store')
      .redirect(target, 302);
  };

  const idpResponse = async (req: FastifyRequest, reply: FastifyReply) => {
    const base = await baseOf(svc, req);
    if (base === undefined) return errorPage(reply, 'There is no sign-in domain by that name.');
    const secure = secureOf(req);
    const clear = [
      `${STATE_COOKIE}=; Path=${base}/oauth2/idpresponse; Max-Age=0; HttpOnly; SameSite=Lax${secure}`,
      `${POST_STATE_COOKIE}=; Path=${base}/oauth2/idpresponse; Max-Age=0; HttpOnly; SameSite=None; Secure`,
    ];
    let response: IdpResponse;
    let bound: string | undefined;
    if (req.method === 'POST') {
      const posted = postedResponse(req);
      if (typeof posted === 'string') return errorPage(reply, posted);
      response = posted;
      bound = cookie(req, POST_STATE_COOKIE) ?? cookie(req, STATE_COOKIE);
    } else {
      const q = req.query as Record<string, unknown>;
      response = { state: text(q.state), code: text(q.code), error: text(q.error), error_description: text(q.error_description) };
      bound = cookie(req, STATE_COOKIE) ?? cookie(req, POST_STATE_COOKIE);
    }
    try {
      const out = await completeFederatedSignIn(svc, response, bound);
      const cookies = [...clear];
      if (out.session) {
        const { cookieName, secret, maxAgeSeconds } = out.session;
        cookies.push(`${cookieName}=${secret}; Path=${base || '/'}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`);
      }
      return reply.header('set-cookie', cookies).header('cache-control', 'no-store').redirect(out.location, 302);
    } catch (e) {
      if (e instanceof FederationError) return errorPage(reply, e.message);
      throw e;
    }
  };

  // A post the framework cannot read (an unparsable Content-Type, a body over the limit) is an error page too,
  // never the AWS API's JSON error; anything else unexpected is logged and shown without internals.
  const errorHandler = (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return errorPage(reply, 'The identity provider\'s response could not be read; start again from the app.');
    req.log.error({ err, reqId: req.id }, 'federation error');
    return errorPage(reply, `The server could not complete this sign-in (request id ${req.id}); start again from the app.`, 500);
  };
  for (const m of MOUNTS) {
    app.get(`${m}/oauth2/idpstart`, { errorHandler }, idpStart);
    app.get(`${m}/oauth2/idpresponse`, { errorHandler }, idpResponse);
    app.post(`${m}/oauth2/idpresponse`, { errorHandler }, idpResponse);
  }
}
