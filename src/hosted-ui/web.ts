/**
 * The HTTP side every hosted-UI endpoint shares: which mount answered (host name or `/domain/{prefix}` path),
 * cookies, CSRF tokens, form bodies, and rendering a page with the security headers (a strict
 * Content-Security-Policy: no script at all, styles and images only from this server, forms only to this
 * server and the validated redirect target; no framing; no referrer; no caching). Rules about users and OAuth
 * live elsewhere; this module must never render a page without those headers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../services.js';
import type { DomainRow } from '../store/hosted-ui-repo.js';
import { brandingFor, type Branding } from './customization.js';
import { domainByPrefix, domainForHost } from './domains.js';
import { ErrorPage } from './pages/pages.js';
import { toHtml } from './pages/layout.js';
import { CSRF_COOKIE, csrfToken, csrfValid, newCsrfCookie } from './web-session.js';
import { OAUTH_PARAMS } from './authorize-request.js';

/** Cookie header → map (first value wins, as browsers send the most specific path first). */
function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A value that is not valid percent-encoding is none of ours.
    }
  }
  return out;
}

export interface Web {
  readonly svc: Services;
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
  /** '' or `/domain/{prefix}`. */
  readonly base: string;
  /**
   * This mount's absolute address, `{scheme}://{host}{base}`: where the browser reached it. A registered domain
   * host or the TLS listener answers at the Host the browser used; the API listener at its publicUrl.
   */
  readonly origin: string;
  readonly domain?: DomainRow;
  /** The request's query parameters. */
  readonly params: URLSearchParams;
  /** Only the OAuth parameters of the query, as the string pages carry along. */
  readonly carried: string;
  readonly secure: boolean;
  readonly cookies: Record<string, string | undefined>;
}

/** A Host header we are willing to echo into a URL: a DNS name or bracketed IPv6, with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function originOf(svc: Services, req: FastifyRequest, domain: DomainRow | undefined, base: string): string {
  const host = String(req.headers.host ?? '');
  const byHost = domain !== undefined && base === '';
  // Behind a TLS-terminating proxy the API listener sees http; a https publicUrl says what the browser used.
  const scheme = req.protocol === 'https' || svc.config.publicUrl.startsWith('https:') ? 'https' : 'http';
  if ((byHost || req.protocol === 'https') && HOST.test(host)) return `${scheme}://${host.toLowerCase()}${base}`;
  return `${svc.config.publicUrl.replace(/\/+$/, '')}${base}`;
}

/** The mount of a request, or undefined when a path-form prefix names no domain. */
export async function openWeb(svc: Services, req: FastifyRequest, reply: FastifyReply): Promise<Web | undefined> {
  const prefix = (req.params as { domain?: string }).domain;
  let domain: DomainRow | undefined;
  let base = '';
  if (prefix !== undefined) {
    domain = await domainByPrefix(svc, prefix);
    if (!domain) return undefined;
    base = `/domain/${domain.domain}`;
  } else {
    domain = await domainForHost(svc, req.hostname);
  }
  const raw = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  const params = new URLSearchParams(raw);
  const carried = new URLSearchParams();
  for (const [k, v] of params) if ((OAUTH_PARAMS as readonly string[]).includes(k)) carried.append(k, v);
  const cookieHeader = req.headers.cookie;
  return {
    svc,
    req,
    reply,
    base,
    origin: originOf(svc, req, domain, base),
    domain,
    params,
    carried: carried.toString(),
    secure: req.protocol === 'https',
    cookies: cookieHeader ? parseCookies(cookieHeader) : {},
  };
}

export function setCookie(web: Web, name: string, value: string, opts: { maxAgeSeconds?: number; path?: string } = {}): void {
  // Our names and values are base64url / pool ids: nothing to encode. Secure only over TLS (the API listener
  // may be plain http on localhost, where a Secure cookie would never come back).
  const cookie = [
    `${name}=${value}`,
    `Path=${opts.path ?? '/'}`,
    ...(opts.maxAgeSeconds !== undefined ? [`Max-Age=${opts.maxAgeSeconds}`] : []),
    'HttpOnly',
    'SameSite=Lax',
    ...(web.secure ? ['Secure'] : []),
  ].join('; ');
  const prev = web.reply.getHeader('set-cookie');
  web.reply.header('set-cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), cookie]);
}

export const clearCookie = (web: Web, name: string, path = '/') => setCookie(web, name, '', { maxAgeSeconds: 0, path });

/** The CSRF token for this browser's forms (creating its csrf cookie on first sight). */
export function csrfFor(web: Web): string {
  let cookie = web.cookies[CSRF_COOKIE];
  if (!cookie || !/^[A-Za-z0-9_-]{32}$/.test(cookie)) {
    cookie = newCsrfCookie();
    (web.cookies as Record<string, string>)[CSRF_COOKIE] = cookie;
    setCookie(web, CSRF_COOKIE, cookie);
  }
  return csrfToken(web.svc, cookie);
}

/** The urlencoded form body, or undefined for another content type. */
export function formOf(req: FastifyRequest): URLSearchParams | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const body = req.body;
  return new URLSearchParams(Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '');
}

/** A POST's form when its CSRF token matches this browser; undefined otherwise (the caller refuses it). */
export function checkedForm(web: Web): URLSearchParams | undefined {
  const form = formOf(web.req);
  if (!form) return undefined;
  return csrfValid(web.svc, web.cookies[CSRF_COOKIE], form.get('_csrf') ?? undefined) ? form : undefined;
}

/** A form-action source for a redirect target (scheme and host for http(s), the scheme for app schemes). */
function formSource(target: string): string | undefined {
  try {
    const u = new URL(target);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
    return /^[a-z][a-z0-9+.-]*:$/i.test(u.protocol) ? u.protocol : undefined;
  } catch {
    return undefined;
  }
}

function securityHeaders(reply: FastifyReply, formTargets: readonly string[]): void {
  const targets = ["'self'", ...formTargets.map(formSource).filter((s): s is string => s !== undefined)];
  reply
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action ${[...new Set(targets)].join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
  // Pages are for browsers on this origin only; the API's blanket CORS header has no business here.
  reply.removeHeader('access-control-allow-origin');
  reply.removeHeader('access-control-expose-headers');
}

export function sendPage(web: Web, page: VNode, opts: { status?: number; formTargets?: readonly string[] } = {}) {
  securityHeaders(web.reply, opts.formTargets ?? []);
  return web.reply.status(opts.status ?? 200).header('content-type', 'text/html; charset=utf-8').send(toHtml(page));
}

export function redirect(web: Web, location: string) {
  web.reply.removeHeader('access-control-allow-origin');
  web.reply.removeHeader('access-control-expose-headers');
  return web.reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(location, 302);
}

export async function sendErrorPage(svc: Services, reply: FastifyReply, status: number, title: string, message: string, branding: Branding = {}, requestId?: string) {
  securityHeaders(reply, []);
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').send(toHtml(ErrorPage({ title, message, branding, requestId })));
}

export const branding = (web: Web, poolId: string, clientId?: string) => brandingFor(web.svc, poolId, clientId);
