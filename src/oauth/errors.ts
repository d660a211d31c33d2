/**
 * OAuth 2.0 protocol errors (RFC 6749 §5.2, RFC 7009, RFC 6750): an `error` code from the registered set, a
 * human description, and the HTTP status the endpoint answers with. Domain code in src/oauth/ throws these;
 * the routes render them as JSON (token, revoke) or WWW-Authenticate (userInfo). A description never carries
 * a secret or says which part of a client credential was wrong.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'invalid_token'
  | 'server_error';

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === 'invalid_client' || error === 'invalid_token' ? 401 : 400,
  ) {
    super(description);
  }
}

export const oauthError = (error: OAuthErrorCode, description: string, status?: number) => new OAuthError(error, description, status);
