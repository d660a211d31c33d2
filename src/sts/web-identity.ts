/**
 * Verifying the WebIdentityToken of AssumeRoleWithWebIdentity: an OpenID token of Cognate's identity pools
 * (basic flow: GetOpenIdToken / GetOpenIdTokenForDeveloperIdentity, checked by src/identity-pools/), or an ID
 * token from an issuer registered as an IAM OIDC provider (its `aud` must be one of the provider's client ids). The issuer's signing keys come from its
 * discovery document's `jwks_uri` over HTTP, cached per issuer (jose's remote JWK set refetches on an unknown
 * `kid`, with a cooldown). Answers the federated principal and the condition keys the trust policy sees.
 * Failures are STS's codes: InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError.
 * Must never accept a token whose signature, issuer, audience or expiry it did not check.
 */
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ServiceError } from '../errors.js';
import { oidcProviderForIssuer, issuerKey, type OidcProvider } from '../iam-admin/oidc-providers.js';
import { COGNITO_IDENTITY, isIdentityPoolToken, verifyIdentityPoolOpenIdToken } from '../identity-pools/openid-token.js';
import { perServices, type Services } from '../services.js';

export const webIdentityErrors = {
  invalid: (m: string) => new ServiceError('InvalidIdentityToken', m, 400),
  expired: (m: string) => new ServiceError('ExpiredTokenException', m, 400),
  communication: (m: string) => new ServiceError('IDPCommunicationError', m, 400),
};

export interface VerifiedWebIdentity {
  /** The Federated principal the trust policy must name (OIDC provider ARN, or cognito-identity.amazonaws.com). */
  readonly provider: string;
  /** STS's `Provider` member. */
  readonly providerName: string;
  readonly subject: string;
  readonly audience: string;
  readonly conditionContext: Record<string, string | string[]>;
  readonly payload: JWTPayload;
  readonly principalTags?: Record<string, string>;
}

/** Cognate's own identity-pool tokens: condition keys `cognito-identity.amazonaws.com:aud`, `:sub`, `:amr`. */
async function verifyIdentityPoolToken(svc: Services, token: string): Promise<VerifiedWebIdentity> {
  const check = await verifyIdentityPoolOpenIdToken(svc, token);
  if (!check.ok) {
    if (check.reason === 'expired') throw webIdentityErrors.expired('Token expired: current date/time must be before the expiration date/time.');
    throw webIdentityErrors.invalid(check.reason === 'identity-gone' ? 'The identity of this token no longer exists or is disabled.' : 'The web identity token could not be verified.');
  }
  const t = check.token;
  return {
    provider: COGNITO_IDENTITY,
    providerName: t.issuer,
    subject: t.identityId,
    audience: t.identityPoolId,
    conditionContext: {
      [`${COGNITO_IDENTITY}:aud`]: t.identityPoolId,
      [`${COGNITO_IDENTITY}:sub`]: t.identityId,
      [`${COGNITO_IDENTITY}:amr`]: t.amr,
    },
    payload: t.payload as JWTPayload,
    ...(Object.keys(t.principalTags).length ? { principalTags: t.principalTags } : {}),
  };
}

type Jwks = ReturnType<typeof createRemoteJWKSet>;
const DISCOVERY_TTL_MS = 10 * 60_000;
const jwksCache = perServices(() => new Map<string, { jwks: Jwks; until: number }>());

async function jwksFor(svc: Services, issuer: string): Promise<Jwks> {
  const cache = jwksCache(svc);
  const hit = cache.get(issuer);
  if (hit && hit.until > Date.now()) return hit.jwks;
  let jwksUri: string;
  try {
    const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const doc = (await res.json()) as { jwks_uri?: unknown };
    if (typeof doc.jwks_uri !== 'string') throw new Error('no jwks_uri in the discovery document');
    jwksUri = doc.jwks_uri;
  } catch (e) {
    throw webIdentityErrors.invalid(`Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements (${(e as Error).message}).`);
  }
  const jwks = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000, cooldownDuration: 30_000, cacheMaxAge: DISCOVERY_TTL_MS });
  cache.set(issuer, { jwks, until: Date.now() + DISCOVERY_TTL_MS });
  return jwks;
}

function claims(token: string): JWTPayload {
  try {
    return decodeJwt(token);
  } catch {
    throw webIdentityErrors.invalid('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
  }
}

async function verifyOidc(svc: Services, token: string, provider: OidcProvider, iss: string): Promise<JWTPayload> {
  const jwks = await jwksFor(svc, iss);
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: iss,
      currentDate: new Date(svc.clock.now()),
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
    });
    const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
    if (provider.clientIds.length > 0 && !aud.some((a) => provider.clientIds.includes(a))) throw webIdentityErrors.invalid('Incorrect token audience.');
    return payload;
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw webIdentityErrors.expired('Token expired: current date/time must be before the expiration date/time.');
    if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JOSEError && e.code === 'ERR_JOSE_GENERIC') {
      throw webIdentityErrors.communication(`Couldn't reach the identity provider's keys: ${e.message}`);
    }
    throw webIdentityErrors.invalid(`The web identity token could not be verified: ${(e as Error).message}`);
  }
}

export async function verifyWebIdentityToken(svc: Services, token: string): Promise<VerifiedWebIdentity> {
  const unverified = claims(token);
  if (isIdentityPoolToken(svc, token)) return verifyIdentityPoolToken(svc, token);
  const iss = typeof unverified.iss === 'string' ? unverified.iss : '';
  const provider = iss ? await oidcProviderForIssuer(svc, iss) : undefined;
  if (!provider) throw webIdentityErrors.invalid(`No OpenIDConnect provider found in your account for ${iss || '(no iss claim)'}`);
  const payload = await verifyOidc(svc, token, provider, iss);
  const key = issuerKey(iss);
  const aud = Array.isArray(payload.aud) ? payload.aud[0]! : String(payload.aud ?? '');
  const context: Record<string, string | string[]> = { [`${key}:aud`]: aud, [`${key}:sub`]: String(payload.sub ?? '') };
  if (typeof payload.azp === 'string') context[`${key}:azp`] = payload.azp;
  if (Array.isArray(payload.amr)) context[`${key}:amr`] = payload.amr.map(String);
  return { provider: provider.arn, providerName: iss, subject: String(payload.sub ?? ''), audience: aud, conditionContext: context, payload };
}
