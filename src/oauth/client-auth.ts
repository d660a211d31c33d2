/**
 * Authenticating the client at the token and revocation endpoints (RFC 6749 §2.3): client_secret_basic
 * (`Authorization: Basic base64(urlencode(id):urlencode(secret))`), client_secret_post (`client_id` and
 * `client_secret` in the form), or a public client naming itself with `client_id` alone. Using two methods at
 * once is invalid_request; an unknown client or a wrong or missing secret is invalid_client (401, with
 * WWW-Authenticate when Basic was tried). Secrets are compared in constant time; a description never says
 * whether the id or the secret was wrong.
 */
import { ServiceError } from '../errors.js';
import { getClient } from '../user-pools/pools.js';
import { clientSecretMatches } from '../tokens/revocation.js';
import { OAuthError, oauthError } from './errors.js';
import type { PoolClient } from '../user-pools/types.js';
import type { Services } from '../services.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

/** Form-urlencoding undone ('+' is a space); a malformed escape is taken literally. */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Reads the credentials a request presents, without checking them. */
export function presentedCredentials(authorization: string | undefined, form: URLSearchParams): ClientCredentials {
  const postId = form.get('client_id') ?? undefined;
  const postSecret = form.get('client_secret') ?? undefined;
  const basic = authorization !== undefined && /^basic\s/i.test(authorization) ? authorization.replace(/^basic\s+/i, '').trim() : undefined;
  if (basic !== undefined) {
    if (postSecret !== undefined) throw oauthError('invalid_request', 'Use one client authentication method: Basic or client_secret in the body, not both.');
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'The Basic authorization header is malformed.', 401);
    const clientId = formDecode(decoded.slice(0, colon));
    if (postId !== undefined && postId !== clientId) throw oauthError('invalid_request', 'client_id in the body differs from the one in the Authorization header.');
    return { clientId, clientSecret: formDecode(decoded.slice(colon + 1)), method: 'client_secret_basic' };
  }
  if (postId === undefined) throw new OAuthError('invalid_client', 'Client authentication is required: client_id is missing.', 401);
  return postSecret === undefined ? { clientId: postId, method: 'none' } : { clientId: postId, clientSecret: postSecret, method: 'client_secret_post' };
}

/** The authenticated client, or invalid_client. */
export async function authenticateClient(svc: Services, creds: ClientCredentials): Promise<PoolClient> {
  const fail = () => new OAuthError('invalid_client', 'Client authentication failed.', 401);
  let client: PoolClient;
  try {
    client = await getClient(svc, creds.clientId);
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw fail();
    throw e;
  }
  if (client.secret === undefined) {
    // A public client has nothing to prove; one sending a secret is confused, not authenticated.
    if (creds.clientSecret !== undefined && creds.clientSecret !== '') throw fail();
    return client;
  }
  if (!clientSecretMatches(client, creds.clientSecret)) throw fail();
  return client;
}
