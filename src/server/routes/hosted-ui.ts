/**
 * The hosted UI's HTTP endpoints (issue 5): `/oauth2/authorize`, `/login`, `/mfa`, `/signup`, `/confirm`,
 * `/forgotPassword`, `/confirmForgotPassword`, `/confirmUser` (e-mail link), `/logout`, each at the root (any host: a registered domain's
 * Host header, or the API listener resolving the pool from client_id) and under `/domain/{prefix}` (setups
 * without DNS); plus the branding assets under `/ui-assets/`. Handlers live in src/hosted-ui/endpoints/.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { assetOf } from '../../hosted-ui/customization.js';
import { page, pageErrorHandler, type WebHandler } from '../../hosted-ui/endpoints/common.js';
import { authorize, challengePost, loginGet, loginPost, logout } from '../../hosted-ui/endpoints/sign-in.js';
import { confirmForgotPasswordPage, confirmPage, forgotPasswordPage, guarded, signUpPage } from '../../hosted-ui/endpoints/accounts.js';
import { confirmUser } from '../../hosted-ui/endpoints/confirm-user.js';
import { BASE_CSS } from '../../hosted-ui/pages/base-css.js';
import { registerOAuthEndpoints } from './oauth2.js';

const MOUNTS = ['', '/domain/:domain'];

export default function hostedUi(app: FastifyInstance, svc: Services): void {
  const errorHandler = pageErrorHandler(svc);
  const get = (path: string, h: WebHandler) => MOUNTS.forEach((m) => app.get(`${m}${path}`, { errorHandler }, page(svc, h)));
  const post = (path: string, h: WebHandler) => MOUNTS.forEach((m) => app.post(`${m}${path}`, { errorHandler }, page(svc, h)));

  get('/oauth2/authorize', authorize);
  // Amplify and other clients build every URL from the domain, so the path form serves the token endpoints too.
  registerOAuthEndpoints(app, svc, '/domain/:domain');
  get('/login', loginGet);
  post('/login', loginPost);
  post('/mfa', challengePost);
  get('/logout', logout);
  get('/confirmUser', confirmUser);
  for (const [path, handler] of [
    ['/signup', signUpPage],
    ['/confirm', confirmPage],
    ['/forgotPassword', forgotPasswordPage],
    ['/confirmForgotPassword', confirmForgotPasswordPage],
  ] as const) {
    get(path, guarded(handler, false));
    post(path, guarded(handler, true));
  }

  const assetHeaders = { 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=86400, immutable', 'cross-origin-resource-policy': 'same-site' };
  app.get('/ui-assets/hosted-ui.css', async (_req, reply) => reply.headers({ ...assetHeaders, 'cache-control': 'public, max-age=3600' }).type('text/css; charset=utf-8').send(BASE_CSS));
  app.get<{ Params: { pool: string; client: string; asset: string } }>('/ui-assets/:pool/:client/:asset', async (req, reply) => {
    const { pool, client, asset } = req.params;
    const row = asset === 'custom.css' || asset === 'logo' ? await assetOf(svc, pool, client) : undefined;
    if (asset === 'custom.css' && row?.css) return reply.headers(assetHeaders).type('text/css; charset=utf-8').send(row.css);
    if (asset === 'logo' && row?.image && row.image_type) return reply.headers(assetHeaders).type(row.image_type).send(Buffer.from(row.image, 'base64'));
    return reply.status(404).type('text/plain').send('Not found');
  });
}
