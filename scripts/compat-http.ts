/**
 * The HTTP endpoints Cognate serves outside the AWS JSON APIs, for docs/compatibility.md. A small static
 * table: each area edits only its own rows (status `done`, `partial` or `planned`, and a note).
 */
export interface HttpEndpointRow {
  readonly endpoint: string;
  readonly status: 'done' | 'partial' | 'planned';
  readonly notes: string;
}

export const HTTP_ENDPOINTS: readonly HttpEndpointRow[] = [
  // oauth (protocol core)
  { endpoint: 'GET /{poolId}/.well-known/openid-configuration', status: 'done', notes: "Cognito's members plus the optional ones the OpenID Config OP checks read; every condition of oidcc-discovery-endpoint-verification is a test (test/oauth/discovery.test.ts); claims_supported names every ID-token claim" },
  { endpoint: 'GET /{poolId}/.well-known/jwks.json', status: 'done', notes: 'current, next and previous RS256 keys of both purposes' },
  { endpoint: 'POST /oauth2/token', status: 'done', notes: 'authorization_code (exact redirect_uri, PKCE S256/plain, single use, replay revokes), refresh_token, client_credentials; client_secret_basic, client_secret_post, public clients; CORS open to any origin (Amplify redeems the code from the browser)' },
  { endpoint: 'GET, POST /oauth2/userInfo', status: 'done', notes: 'bearer header or POST body; needs `openid`; claims by profile/email/phone and ReadAttributes. Errors as Cognito: no token, another scheme or two tokens → 400 `invalid_request` ("Bad OAuth2 request at UserInfo Endpoint"); malformed, expired, revoked, ID or non-openid token → 401 `invalid_token`; WWW-Authenticate Bearer challenge plus JSON body' },
  { endpoint: 'POST /oauth2/revoke', status: 'done', notes: 'RFC 7009, refresh tokens' },
  // hostedui
  { endpoint: 'GET /oauth2/authorize', status: 'done', notes: 'response_type code and token; exact redirect_uri (else an error page, never a redirect); PKCE S256/plain, state, nonce, scope, prompt none/login, max_age, login_hint; unknown parameters ignored; errors to the redirect_uri per RFC 6749; SSO cookie' },
  { endpoint: 'GET, POST /login', status: 'done', notes: 'password sign-in, then whatever challenge the sign-in returns (new password, SMS/e-mail/TOTP code, SELECT_MFA_TYPE, MFA_SETUP); CSRF token; PasswordResetRequired / unconfirmed users sent to the right page' },
  { endpoint: 'GET, POST /signup, /confirm', status: 'done', notes: 'the pool\'s required and auto-verified attributes; e-mail/phone as username; resend code' },
  { endpoint: 'GET, POST /forgotPassword, /confirmForgotPassword', status: 'done', notes: 'code by the recovery channel, then the new password' },
  { endpoint: 'GET /confirmUser (e-mail link)', status: 'done', notes: 'CONFIRM_WITH_LINK: {##…##} in EmailMessageByLink becomes `{domain}/confirmUser?client_id&user_name&confirmation_code`; GET confirms as ConfirmSignUp (attempt limit, PostConfirmation) and shows a page; wrong/used/expired code and unknown user share one error page' },
  { endpoint: 'POST /saml2/idpresponse, GET|POST /saml2/logout', status: 'planned', notes: 'SAML 2.0 providers' },
  { endpoint: 'GET /logout', status: 'done', notes: 'client_id + logout_uri (exact LogoutURLs match) or redirect_uri + response_type; ends the SSO session server-side' },
  { endpoint: 'GET, POST /oauth2/idpresponse', status: 'done', notes: 'OIDC providers, answering by query (GET) or `response_mode=form_post` (POST form; single-use state bound to the browser by a Lax cookie for the GET and a SameSite=None; Secure cookie for the cross-site POST). The redirect URI to register at the IdP is `/oauth2/idpresponse` under the mount the sign-in started on (`https://{domain}/oauth2/idpresponse` as Cognito, `{publicUrl}/domain/{prefix}/oauth2/idpresponse`, or `{publicUrl}/oauth2/idpresponse`); the SSO session starts on that host' },
  { endpoint: '/domain/{prefix}/…, Host {prefix}.{authBaseDomain}', status: 'done', notes: 'every hosted-UI endpoint also under a registered domain (Host header or path form); each host (prefix domain, custom domain) and the path form keep their own SSO cookie; optional TLS listener (Amplify `signInWithRedirect` with `domain: {prefix}.{authBaseDomain}:{tlsPort}`)' },
];

export function renderHttpEndpoints(): string[] {
  const done = HTTP_ENDPOINTS.filter((r) => r.status === 'done').length;
  return [
    '## HTTP endpoints (OAuth 2.0 / OpenID Connect, hosted UI)',
    '',
    `${done} done of ${HTTP_ENDPOINTS.length} endpoints. Served on the API listener under the public URL; the pool comes from the client or token.`,
    '',
    '| endpoint | status | notes |',
    '| --- | --- | --- |',
    ...HTTP_ENDPOINTS.map((r) => `| ${r.endpoint} | ${r.status} | ${r.notes} |`),
    '',
  ];
}
