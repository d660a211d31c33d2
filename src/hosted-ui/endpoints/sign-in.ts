/**
 * `/oauth2/authorize`, `/login`, `/mfa` (every challenge page's answers) and `/logout`. Authorize checks the
 * OAuth request, then either answers at once from a live SSO session (prompt, max_age honoured), refuses
 * `prompt=none` without one, hands off to an external IdP, or shows the login page. Login and challenge posts
 * need a valid CSRF token and re-check the OAuth request they carry.
 */
import { ServiceError } from '../../errors.js';
import { errorRedirect, openAuthorizeRequest, PageError, completeAuthorization, type OpenRequest } from '../authorize-request.js';
import { answerChallenge, signInWithPassword, type SignInOutcome } from '../sign-in.js';
import { endWebSession, readWebSession, sessionCookieName } from '../web-session.js';
import { branding, checkedForm, clearCookie, csrfFor, redirect, sendErrorPage, sendPage, type Web } from '../web.js';
import { href } from '../pages/layout.js';
import { LoginPage } from '../pages/pages.js';
import { ChallengePage, type ChallengeView } from '../pages/challenge.js';
import { FORGED, cookiePath, finishSignIn, noticeOf } from './common.js';
import { answerTotpSetup, totpSetupView } from '../totp-setup.js';
import { getClient } from '../../user-pools/pools.js';
import { beginFederatedSignIn } from '../../federation/sign-in.js';
import { FederationError } from '../../federation/errors.js';

/**
 * Federation plugs in here: a request naming an external identity provider (identity_provider other than
 * COGNITO, or idp_identifier) returns the IdP's authorization URL to send the browser to.
 */
export type ExternalProviderRedirect = (web: Web, o: OpenRequest) => Promise<string | undefined>;
let externalProvider: ExternalProviderRedirect = async (web, o) => {
  const idp = o.req.identityProvider === 'COGNITO' ? undefined : o.req.identityProvider;
  if (idp === undefined && o.req.idpIdentifier === undefined) return undefined;
  try {
    return await beginFederatedSignIn(web.svc, { pool: o.pool, client: o.client, provider: idp, idpIdentifier: o.req.idpIdentifier, authorizeRequest: o.req, mountOrigin: web.origin });
  } catch (e) {
    if (e instanceof FederationError) return errorRedirect(o.req, e.oauthError, e.message);
    throw e;
  }
};
export const setExternalProviderRedirect = (f: ExternalProviderRedirect) => {
  externalProvider = f;
};

export async function authorize(web: Web) {
  const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
  const external = await externalProvider(web, o);
  if (external) return redirect(web, external);
  const session = await readWebSession(web.svc, o.pool, web.cookies[sessionCookieName(o.pool.id)]);
  const maxAgeOk = (authTime: number) => o.req.maxAge === undefined || web.svc.clock.now() - authTime <= o.req.maxAge * 1000;
  if (session && !o.req.prompt.has('login') && maxAgeOk(session.authTime)) {
    return redirect(web, await completeAuthorization(web.svc, o, session.user, session.authTime));
  }
  if (o.req.prompt.has('none')) return redirect(web, errorRedirect(o.req, 'login_required', 'The user is not signed in.'));
  return redirect(web, href(web.base, '/login', web.carried));
}

const usernameLabel = (o: OpenRequest) => {
  const attrs: string[] = o.pool.config.UsernameAttributes ?? [];
  if (attrs.includes('email') && attrs.includes('phone_number')) return 'Email or phone number';
  if (attrs.includes('email')) return 'Email';
  if (attrs.includes('phone_number')) return 'Phone number';
  return 'Username';
};

async function loginPage(web: Web, o: OpenRequest, extra: { error?: string; username?: string; status?: number } = {}) {
  return sendPage(
    web,
    LoginPage({
      base: web.base,
      query: web.carried,
      csrf: csrfFor(web),
      branding: await branding(web, o.pool.id, o.client.id),
      error: extra.error,
      notice: extra.error ? undefined : noticeOf(web),
      username: extra.username ?? o.req.loginHint,
      canSignUp: !o.pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly,
      usernameLabel: usernameLabel(o),
      providers: ((o.client.config.SupportedIdentityProviders ?? []) as string[]).filter((n) => n !== 'COGNITO'),
    }),
    { status: extra.status, formTargets: [o.req.redirectUri] },
  );
}

export async function loginGet(web: Web) {
  const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
  return loginPage(web, o);
}

async function challengePage(web: Web, o: OpenRequest, c: ChallengeView, error?: string) {
  return sendPage(
    web,
    ChallengePage({ base: web.base, query: web.carried, csrf: csrfFor(web), branding: await branding(web, o.pool.id, o.client.id), challenge: c, error }),
    { formTargets: [o.req.redirectUri] },
  );
}

async function afterStep(web: Web, o: OpenRequest, r: SignInOutcome) {
  if (r.kind === 'signedIn') return finishSignIn(web, o, r.user, r.authTime);
  const view: ChallengeView = { name: r.name, session: r.session, username: r.username, parameters: r.parameters };
  return challengePage(web, o, r.name === 'MFA_SETUP' ? await totpSetupView(web.svc, o, view) : view);
}

/** The TOTP secret the setup page showed (kept across a wrong code, so the app the user scanned stays right). */
function shownTotp(form: URLSearchParams): string | undefined {
  const secret = form.get('totpSecret') ?? '';
  return /^[A-Z2-7]{16,128}$/.test(secret) ? secret : undefined;
}

export async function loginPost(web: Web) {
  const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
  const form = checkedForm(web);
  if (!form) return sendErrorPage(web.svc, web.reply, 403, ...FORGED);
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (!username || !password) return loginPage(web, o, { error: 'Enter your username and password.', username, status: 400 });
  let r: SignInOutcome;
  try {
    r = await signInWithPassword(web.svc, o.pool, o.client, username, password, web.req.ip);
  } catch (e) {
    if (!(e instanceof ServiceError) || e.status >= 500) throw e;
    if (e.type === 'UserNotConfirmedException') return redirect(web, href(web.base, '/confirm', web.carried, { username, notice: 'codeSent', resend: '1' }));
    if (e.type === 'PasswordResetRequiredException') return redirect(web, href(web.base, '/forgotPassword', web.carried, { username }));
    return loginPage(web, o, { error: e.message, username, status: 400 });
  }
  return afterStep(web, o, r);
}

const CODE_ANSWER: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE' };

function parametersOf(text: string | null): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text ?? '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export async function challengePost(web: Web) {
  const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
  const form = checkedForm(web);
  if (!form) return sendErrorPage(web.svc, web.reply, 403, ...FORGED);
  const view: ChallengeView = {
    name: form.get('challenge') ?? '',
    session: form.get('session') ?? '',
    username: form.get('username') ?? '',
    parameters: parametersOf(form.get('params')),
  };
  const answers: Record<string, string> = {};
  if (view.name === 'NEW_PASSWORD_REQUIRED') {
    answers.NEW_PASSWORD = form.get('newPassword') ?? '';
    for (const [k, v] of form) if (k.startsWith('attr:') && v !== '') answers[`userAttributes.${k.slice(5)}`] = v;
  } else if (CODE_ANSWER[view.name]) {
    answers[CODE_ANSWER[view.name]!] = (form.get('code') ?? '').trim();
  } else if (view.name === 'SELECT_MFA_TYPE') {
    answers.ANSWER = form.get('mfaType') ?? '';
  } else if (view.name !== 'MFA_SETUP') {
    throw new PageError('Invalid request', 'This sign-in step is not known.');
  }
  try {
    const r =
      view.name === 'MFA_SETUP'
        ? await answerTotpSetup(web.svc, o, view, (form.get('code') ?? '').trim(), form.get('deviceName') || undefined, web.req.ip)
        : await answerChallenge(web.svc, o.client, { name: view.name, session: view.session, username: view.username, answers }, web.req.ip);
    return await afterStep(web, o, r);
  } catch (e) {
    if (!(e instanceof ServiceError) || e.status >= 500) throw e;
    // A spent or expired session cannot be answered again: start over at the login page.
    if (e.type === 'NotAuthorizedException' && /session/i.test(e.message)) return redirect(web, href(web.base, '/login', web.carried, { notice: 'expired' }));
    const again = view.name === 'MFA_SETUP' ? await totpSetupView(web.svc, o, view, shownTotp(form)) : view;
    return challengePage(web, o, again, e.message);
  }
}

async function clientOf(web: Web, clientId: string) {
  try {
    const client = await getClient(web.svc, clientId);
    if (web.domain && web.domain.pool_id !== client.poolId) throw new PageError('Invalid request', 'The app client in this link does not belong to this domain.');
    return client;
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw new PageError('Invalid request', 'The app client in this link does not exist.');
    throw e;
  }
}

/** `/logout`: ends the SSO session, then back to a registered logout_uri or (redirect_uri form) to the login page. */
export async function logout(web: Web) {
  const logoutUri = web.params.get('logout_uri');
  const clientId = web.params.get('client_id');
  if (!clientId) throw new PageError('Invalid request', 'The client_id parameter is missing.');
  let target: string;
  let poolId: string;
  if (logoutUri) {
    const client = await clientOf(web, clientId);
    const allowed: string[] = Array.isArray(client.config.LogoutURLs) ? client.config.LogoutURLs : [];
    // Exact match only, like redirect_uri: an unregistered logout_uri is never redirected to.
    if (!allowed.includes(logoutUri)) throw new PageError('Invalid request', 'The logout_uri is not registered for this app client.');
    target = logoutUri;
    poolId = client.poolId;
  } else if (web.params.get('redirect_uri') && web.params.get('response_type')) {
    const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
    target = href(web.base, '/login', web.carried);
    poolId = o.pool.id;
  } else {
    throw new PageError('Invalid request', 'Logout needs a logout_uri, or a redirect_uri and response_type.');
  }
  const name = sessionCookieName(poolId);
  await endWebSession(web.svc, web.cookies[name]);
  clearCookie(web, name, cookiePath(web));
  return redirect(web, target);
}
