/**
 * Logins from generic OpenID Connect issuers: the key is the issuer's host/path, the pool must list the IAM OIDC
 * provider ARN for it in OpenIdConnectProviderARNs, and the token is verified exactly as STS verifies a web
 * identity (the issuer's JWKS from its discovery document, issuer, expiry, `aud` among the provider's client
 * ids). Refusals are Cognito's NotAuthorizedException texts; an unreachable issuer is ExternalServiceException.
 */
import { ServiceError, errors } from '../errors.js';
import { oidcProviderArn } from '../iam-admin/arns.js';
import { issuerKey } from '../iam-admin/oidc-providers.js';
import { verifyWebIdentityToken } from '../sts/web-identity.js';
import { identityErrors } from './errors.js';
import { oidcKeyOf } from './provider-names.js';
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';
import type { VerifiedLogin } from './logins.js';

/** Undefined when the key is not one of the pool's OIDC providers. */
export async function verifyOidcLogin(svc: Services, pool: IdentityPool, key: string, token: string): Promise<VerifiedLogin | undefined> {
  const arn = (pool.settings.OpenIdConnectProviderARNs ?? []).find((a) => oidcKeyOf(a) === key);
  if (!arn || arn !== oidcProviderArn(svc, key)) return undefined;
  let v;
  try {
    v = await verifyWebIdentityToken(svc, token);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    if (e.type === 'ExpiredTokenException') throw errors.notAuthorized(`Invalid login token. ${e.message}`);
    if (e.type === 'IDPCommunicationError') throw identityErrors.externalService(e.message);
    throw errors.notAuthorized(`Invalid login token. ${e.message}`);
  }
  if (v.provider !== arn || issuerKey(v.providerName) !== key) throw errors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
  const sub = v.subject;
  return {
    key,
    kind: 'oidc',
    provider: key,
    subject: sub,
    claims: v.payload as Record<string, unknown>,
    amr: [key, `${key}:${sub}`],
  };
}
