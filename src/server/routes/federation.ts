/**
 * The browser side of federation on the API listener: `GET /oauth2/idpstart?state=…` binds the sign-in to this
 * browser with an HttpOnly cookie and sends it to the external IdP; `GET /oauth2/idpresponse` (the redirect URI
 * registered at the IdP) finishes the sign-in and sends the browser back to the app. When no trustworthy app
 * redirect exists (bad or replayed state) a plain error page is shown instead; nothing here redirects to a URL
 * taken from the request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { FederationError } from '../../federation/errors.js';
import { bindBrowser, completeFederatedSignIn, STATE_COOKIE, STATE_TTL_MS } from '../../federation/sign-in.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function errorPage(reply: FastifyReply, message: string) {
  return reply
    .status(400)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p>${escape(message)}</p></main></body></html>`);
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export default function federation(app: FastifyInstance, svc: Services): void {
  const secure = svc.config.publicUrl.startsWith('https:') ? '; Secure' : '';

  app.get('/oauth2/idpstart', async (req, reply) => {
    const state = text((req.query as Record<string, unknown>).state);
    const target = state ? await bindBrowser(svc, state) : undefined;
    if (!state || !target) return errorPage(reply, 'This sign-in link is unknown or expired; start again from the app.');
    // SameSite=Lax: the IdP brings the browser back with a top-level GET, which Lax cookies accompany.
    return reply
      .header('set-cookie', `${STATE_COOKIE}=${encodeURIComponent(state)}; Path=/oauth2/idpresponse; Max-Age=${STATE_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure}`)
      .header('cache-control', 'no-store')
      .redirect(target, 302);
  });

  app.get('/oauth2/idpresponse', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const clear = `${STATE_COOKIE}=; Path=/oauth2/idpresponse; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
    try {
      const out = await completeFederatedSignIn(
        svc,
        { state: text(q.state), code: text(q.code), error: text(q.error), error_description: text(q.error_description) },
        cookie(req, STATE_COOKIE),
      );
      const cookies = [clear];
      if (out.session) {
        const { cookieName, secret, maxAgeSeconds } = out.session;
        cookies.push(`${cookieName}=${secret}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`);
      }
      return reply.header('set-cookie', cookies).header('cache-control', 'no-store').redirect(out.location, 302);
    } catch (e) {
      if (e instanceof FederationError) return errorPage(reply, e.message);
      throw e;
    }
  });
}
