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
  { endpoint: 'GET /{poolId}/.well-known/openid-configuration', status: 'done', notes: "Cognito's members plus the optional ones the OpenID Config OP checks read" },
  { endpoint: 'GET /{poolId}/.well-known/jwks.json', status: 'done', notes: 'current, next and previous RS256 keys of both purposes' },
  { endpoint: 'POST /oauth2/token', status: 'done', notes: 'authorization_code (exact redirect_uri, PKCE S256/plain, single use, replay revokes), refresh_token, client_credentials; client_secret_basic, client_secret_post, public clients' },
  { endpoint: 'GET, POST /oauth2/userInfo', status: 'done', notes: 'bearer header or POST body; needs `openid`; claims by profile/email/phone and ReadAttributes' },
  { endpoint: 'POST /oauth2/revoke', status: 'done', notes: 'RFC 7009, refresh tokens' },
  // hostedui
  { endpoint: 'GET /oauth2/authorize', status: 'planned', notes: 'hosted UI (issue 5)' },
  { endpoint: 'GET, POST /login', status: 'planned', notes: 'hosted UI (issue 5)' },
  { endpoint: 'GET /logout', status: 'planned', notes: 'hosted UI (issue 5)' },
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
