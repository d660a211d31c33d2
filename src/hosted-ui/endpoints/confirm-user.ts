/**
 * `GET /confirmUser?client_id=…&user_name=…&confirmation_code=…`: the link a CONFIRM_WITH_LINK sign-up e-mail
 * carries ({##Verify Email##}). It confirms the account as ConfirmSignUp does (same code, attempt limit,
 * alias rule and PostConfirmation trigger) and shows a page; a wrong, used or expired code, an unknown user
 * or an already-confirmed account all get the same error page, so the link cannot be used to learn who has
 * an account. A GET that changes state is Cognito's contract for this link.
 */
import { ServiceError } from '../../errors.js';
import { confirmSignUp } from '../../users/sign-up.js';
import { getClient } from '../../user-pools/pools.js';
import type { PoolClient } from '../../user-pools/types.js';
import { PageError } from '../authorize-request.js';
import { secretHashFor } from '../sign-in.js';
import { branding, sendPage, type Web } from '../web.js';
import { href } from '../pages/layout.js';
import { ConfirmedPage } from '../pages/pages.js';

const INVALID_LINK = 'This confirmation link is invalid or has expired. If your account is already confirmed, sign in; otherwise request a new code from the sign-up page.';

/** The hosted sign-in page for the client, when it is set up for the code flow with a callback URL. */
function signInLink(web: Web, client: PoolClient): string | undefined {
  const c = client.config;
  const callbacks: string[] = Array.isArray(c.CallbackURLs) ? c.CallbackURLs : [];
  const redirectUri = typeof c.DefaultRedirectURI === 'string' && callbacks.includes(c.DefaultRedirectURI) ? c.DefaultRedirectURI : callbacks[0];
  const flows: string[] = Array.isArray(c.AllowedOAuthFlows) ? c.AllowedOAuthFlows : [];
  if (c.AllowedOAuthFlowsUserPoolClient !== true || !redirectUri || !flows.includes('code')) return undefined;
  return href(web.base, '/login', new URLSearchParams({ client_id: client.id, response_type: 'code', redirect_uri: redirectUri }).toString(), { notice: 'confirmed' });
}

export async function confirmUser(web: Web) {
  const one = (k: string) => {
    const all = web.params.getAll(k);
    return all.length === 1 && all[0]!.trim() ? all[0]!.trim() : undefined;
  };
  const clientId = one('client_id');
  const username = one('user_name');
  const code = one('confirmation_code');
  if (!clientId || !username || !code) throw new PageError('Invalid link', 'This confirmation link is incomplete: it needs client_id, user_name and confirmation_code once each. Open the link from the e-mail again.');
  let client: PoolClient;
  try {
    client = await getClient(web.svc, clientId);
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw new PageError('Invalid link', 'The app client in this link does not exist.');
    throw e;
  }
  if (web.domain && web.domain.pool_id !== client.poolId) throw new PageError('Invalid link', 'The app client in this link does not belong to this domain.');
  const look = await branding(web, client.poolId, client.id);
  try {
    await confirmSignUp(web.svc, { ClientId: client.id, Username: username, ConfirmationCode: code, SecretHash: secretHashFor(client, username) });
  } catch (e) {
    if (!(e instanceof ServiceError) || e.status >= 500) throw e;
    const message = e.type === 'LimitExceededException' ? e.message : e.type === 'AliasExistsException' ? 'An account with this e-mail address or phone number is already confirmed.' : INVALID_LINK;
    return sendPage(web, ConfirmedPage({ ok: false, message, branding: look, signIn: signInLink(web, client) }), { status: 400 });
  }
  return sendPage(web, ConfirmedPage({ ok: true, message: 'Your registration has been confirmed!', branding: look, signIn: signInLink(web, client) }));
}
