/**
 * Logins from generic OpenID Connect issuers registered as IAM OIDC providers and listed in the identity
 * pool's OpenIdConnectProviderARNs. Until the IAM store is available this recognises none.
 */
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';
import type { VerifiedLogin } from './logins.js';

export async function verifyOidcLogin(_svc: Services, _pool: IdentityPool, _key: string, _token: string): Promise<VerifiedLogin | undefined> {
  return undefined;
}
