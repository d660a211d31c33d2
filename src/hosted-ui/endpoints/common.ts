/**
 * What every hosted-UI endpoint does around its own work: open the mount, turn PageError / RedirectError into
 * an error page or an OAuth error redirect, render unexpected failures as a plain error page (logged with the
 * request id, never shown), and finish a sign-in (SSO cookie + code or tokens redirect).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { PageError, RedirectError, completeAuthorization, type OpenRequest } from '../authorize-request.js';
import type { UserRecord } from '../../user-pools/types.js';
import { SESSION_TTL_MS, sessionCookieName, startWebSession } from '../web-session.js';
import { openWeb, redirect, sendErrorPage, setCookie, type Web } from '../web.js';

export type WebHandler = (web: Web) => Promise<unknown>;

/**
 * Failures before a page handler runs (a body over the limit, a Content-Type that does not parse) are shown as
 * an error page too: a browser gets HTML, never the AWS API's JSON error.
 */
export function pageErrorHandler(svc: Services) {
  return (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 413) return sendErrorPage(svc, reply, 413, 'Request too large', 'The form sent more data than this page accepts.');
    if (status < 500) return sendErrorPage(svc, reply, 400, 'Bad request', 'The browser sent a request this page cannot read. Go back, reload the page and try again.');
    req.log.error({ err, reqId: req.id }, 'hosted UI error');
    return sendErrorPage(svc, reply, 500, 'Something went wrong', 'The server could not complete this request. Please try again.', {}, req.id);
  };
}

export function page(svc: Services, handler: WebHandler) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      const web = await openWeb(svc, req, reply);
      if (!web) return await sendErrorPage(svc, reply, 404, 'Not found', 'There is no sign-in domain by that name.');
      return await handler(web);
    } catch (e) {
      if (e instanceof PageError) return sendErrorPage(svc, reply, e.status, e.title, e.message);
      if (e instanceof RedirectError) return reply.header('cache-control', 'no-store').redirect(e.location, 302);
      req.log.error({ err: e, reqId: req.id }, 'hosted UI error');
      return sendErrorPage(svc, reply, 500, 'Something went wrong', 'The server could not complete this request. Please try again.', {}, req.id);
    }
  };
}

/** Where the SSO cookie lives: the whole host, or the path-form mount. */
export const cookiePath = (web: Web) => web.base || '/';

/** A fresh sign-in: start the SSO session, then send the browser back to the app with its code or tokens. */
export async function finishSignIn(web: Web, o: OpenRequest, user: UserRecord, authTimeMs: number) {
  const secret = await startWebSession(web.svc, o.pool, user, authTimeMs);
  setCookie(web, sessionCookieName(o.pool.id), secret, { path: cookiePath(web), maxAgeSeconds: SESSION_TTL_MS / 1000 });
  return redirect(web, await completeAuthorization(web.svc, o, user, authTimeMs));
}

/** Messages a redirect may ask a page to show, by key, so no text ever travels in a URL. */
export const NOTICES: Readonly<Record<string, string>> = {
  confirmed: 'Your account is confirmed. Sign in to continue.',
  reset: 'Your password has been changed. Sign in with your new password.',
  codeSent: 'We sent you a code. Enter it below.',
  signedOut: 'You have signed out.',
  expired: 'Your sign-in took too long. Please sign in again.',
};
export const noticeOf = (web: Web) => NOTICES[web.params.get('notice') ?? ''];

export const FORGED = ['Request refused', 'This form expired or was not sent from this sign-in page. Go back, reload the page and try again.'] as const;
