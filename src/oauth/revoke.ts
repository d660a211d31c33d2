/**
 * POST /oauth2/revoke (RFC 7009) on top of RevokeToken: the client authenticates as at the token endpoint,
 * then its refresh token (and every token of that authentication) dies. Unknown or already revoked tokens
 * succeed silently; an access or ID token is unsupported_token_type; a client without token revocation gets
 * invalid_request; another client's token is refused as invalid_client.
 */
import { ServiceError } from '../errors.js';
import { revokeRefreshToken } from '../tokens/revocation.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import { OAuthError, oauthError } from './errors.js';
import type { Services } from '../services.js';

export async function revokeRequest(svc: Services, req: { authorization?: string; form: URLSearchParams }): Promise<void> {
  const creds = presentedCredentials(req.authorization, req.form);
  const token = req.form.get('token');
  if (token === null || token === '') throw oauthError('invalid_request', 'token is required.');
  const client = await authenticateClient(svc, creds);
  try {
    await revokeRefreshToken(svc, { token, clientId: client.id, clientSecret: client.secret });
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    if (e.type === 'UnsupportedTokenTypeException') throw oauthError('unsupported_token_type', 'Only refresh tokens can be revoked.');
    if (e.type === 'UnsupportedOperationException') throw oauthError('invalid_request', e.message);
    if (e.type === 'UnauthorizedException') throw new OAuthError('invalid_client', 'The token was not issued to this client.', 401);
    throw e;
  }
}
