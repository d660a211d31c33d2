/**
 * Verifying a `Logins` map: each key must name a provider the identity pool trusts and each value must be a
 * valid token of that provider. Cognate user pools: an ID token of ours (signature via our JWKS, exp,
 * token_use, issuer = the key's pool, aud = a ClientId configured for that pool; with ServerSideTokenCheck also
 * revocation, sign-out, and the user still existing and enabled). `cognito-identity.amazonaws.com`: an OpenID
 * token of this identity pool (developer-authenticated identities); OIDC issuers listed as IAM OIDC providers
 * (oidc-logins.ts). Every refusal is NotAuthorizedException with
 * Cognito's message. It never links or creates identities (identities.ts does).
 */
import { decodeJwt } from 'jose';
import { errors, ServiceError } from '../errors.js';
import { verifyIdToken } from '../tokens/access-token.js';
import { poolIdFromIssuer, verifyPoolToken } from '../tokens/verify.js';
import { COGNITO_IDENTITY, verifyIdentityPoolOpenIdToken } from './openid-token.js';
import { userPoolEntries, userPoolIdOf } from './provider-names.js';
import { verifyOidcLogin } from './oidc-logins.js';
import type { Services } from '../services.js';
import type { IdentityPool } from './types.js';

export interface VerifiedLogin {
  /** The Logins key as the caller sent it. */
  readonly key: string;
  readonly kind: 'userpool' | 'oidc' | 'developer' | 'openid-token';
  /** The provider name identities are linked under (a user pool's configured ProviderName, an OIDC host/path, the developer provider name). */
  readonly provider: string;
  /** The provider's user id (token `sub`, developer user identifier). */
  readonly subject: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly userPoolId?: string;
  readonly clientId?: string;
  /** `amr` entries this login contributes after "authenticated". */
  readonly amr: readonly string[];
  /** For an OpenID token of this pool: the identity it proves. */
  readonly identityId?: string;
  readonly principalTags?: Readonly<Record<string, string>>;
}

export const invalidToken = (detail?: string) => errors.notAuthorized(detail ? `Invalid login token. ${detail}` : 'Invalid login token.');
const unsupported = () => errors.notAuthorized('Token is not from a supported provider of this identity pool.');

function unverifiedClaims(token: string): Record<string, unknown> {
  try {
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    throw invalidToken('Token is not a JWT.');
  }
}

const expired = (svc: Services, exp: unknown) => invalidToken(`Token expired: ${String(exp)} >= ${Math.floor(svc.clock.now() / 1000)}`);

async function userPoolLogin(svc: Services, pool: IdentityPool, key: string, token: string, userPoolId: string): Promise<VerifiedLogin> {
  const entries = userPoolEntries(svc, pool.settings, userPoolId);
  if (entries.length === 0) throw unsupported();
  const raw = unverifiedClaims(token);
  if (poolIdFromIssuer(svc, raw.iss) !== userPoolId) throw invalidToken("Issuer doesn't match providerName");
  const v = await verifyPoolToken(svc, token, 'id');
  if (!v.ok) throw v.reason === 'expired' ? expired(svc, raw.exp) : invalidToken();
  const claims = v.payload;
  const entry = entries.find((e) => e.ClientId === claims.aud);
  if (!entry) throw invalidToken('Incorrect token audience.');
  if (entry.ServerSideTokenCheck) {
    try {
      await verifyIdToken(svc, token, { clientId: entry.ClientId });
    } catch (e) {
      if (e instanceof ServiceError && e.type === 'NotAuthorizedException') throw invalidToken(e.message.replace(/^Invalid login token\.\s*/, ''));
      throw e;
    }
  }
  const provider = entry.ProviderName!;
  const sub = String(claims.sub);
  return { key, kind: 'userpool', provider, subject: sub, claims, userPoolId, clientId: entry.ClientId, amr: [provider, `${provider}:CognitoSignIn:${sub}`] };
}

async function openIdTokenLogin(svc: Services, pool: IdentityPool, key: string, token: string): Promise<VerifiedLogin> {
  const v = await verifyIdentityPoolOpenIdToken(svc, token);
  if (!v.ok) throw v.reason === 'expired' ? expired(svc, unverifiedClaims(token).exp) : invalidToken();
  const t = v.token;
  if (t.identityPoolId !== pool.id) throw invalidToken('Incorrect token audience.');
  if (!t.amr.includes('authenticated')) throw invalidToken('The token is not an authenticated identity token.');
  const rest = t.amr.filter((a) => a !== 'authenticated');
  return {
    key,
    kind: 'openid-token',
    provider: COGNITO_IDENTITY,
    subject: t.identityId,
    claims: t.payload,
    amr: rest,
    identityId: t.identityId,
    principalTags: t.principalTags,
  };
}

export async function verifyLogin(svc: Services, pool: IdentityPool, key: string, token: string): Promise<VerifiedLogin> {
  if (key === COGNITO_IDENTITY) return openIdTokenLogin(svc, pool, key, token);
  // A Cognate user pool may also be registered as a generic OIDC issuer: the pool's OIDC listing decides.
  const oidc = await verifyOidcLogin(svc, pool, key, token);
  if (oidc) return oidc;
  const userPoolId = userPoolIdOf(svc, key);
  if (userPoolId) return userPoolLogin(svc, pool, key, token, userPoolId);
  if (pool.settings.SupportedLoginProviders && key in pool.settings.SupportedLoginProviders) {
    throw errors.notAuthorized(`Logins from '${key}' are not supported by Cognate; register the provider as an IAM OpenID Connect provider and list it in OpenIdConnectProviderARNs.`);
  }
  throw unsupported();
}

/** Verifies every login of the map (in the map's order). */
export async function verifyLogins(svc: Services, pool: IdentityPool, logins: Readonly<Record<string, string>>): Promise<VerifiedLogin[]> {
  const out: VerifiedLogin[] = [];
  for (const [key, token] of Object.entries(logins)) out.push(await verifyLogin(svc, pool, key, token));
  return out;
}

/** docs/compatibility.md entry of the operations that take a `Logins` map. */
export const LOGINS_COMPAT = {
  status: 'partial',
  missing:
    'Logins from Cognate user pools, OIDC issuers registered as IAM OIDC providers and developer tokens are served; Facebook, Google, Login with Amazon, Sign in with Apple, Twitter/Digits (as their own provider types) and SAML logins are refused with NotAuthorizedException',
} as const;
