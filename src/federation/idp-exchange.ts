/**
 * Cognate as an OpenID Connect relying party towards an external provider: redeem the authorization code at
 * the provider's token endpoint (client_secret_basic or client_secret_post as its discovery document offers, and
 * the PKCE verifier), verify its ID token (signature against the provider's JWKS, iss, aud, azp, exp, nonce) and
 * read its userinfo. Every check that fails is a FederationError; the provider's tokens are never logged and
 * never leave this module except as verified claims.
 */
import { jwtVerify, errors as joseErrors } from 'jose';
import type { Services } from '../services.js';
import { safeEqual } from '../crypto/random.js';
import type { IdentityProvider } from './providers.js';
import { endpointsOf, keysOf, type OidcEndpoints } from './discovery.js';
import { FederationError } from './errors.js';

const TIMEOUT_MS = 10_000;
/** Asymmetric algorithms only: an HS256 token would be "signed" with the client secret everyone at the IdP knows. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_S = 60;

/**
 * The redirect URI registered at the IdP: `/oauth2/idpresponse` under the mount that started the sign-in (a
 * domain host, the path form, or publicUrl), as Cognito's is `https://{domain}/oauth2/idpresponse`.
 */
export const idpResponseUrl = (svc: Services, mountOrigin?: string) => `${(mountOrigin ?? svc.config.publicUrl).replace(/\/+$/, '')}/oauth2/idpresponse`;

/** RFC 6749 §2.3.1: the credentials are form-urlencoded before they are joined for HTTP Basic. */
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function redeem(p: IdentityProvider, ep: OidcEndpoints, code: string, verifier: string, redirectUri: string): Promise<{ idToken: string; accessToken?: string }> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const clientId = p.details.client_id!;
  const secret = p.details.client_secret;
  if (secret && ep.tokenAuthMethods.includes('client_secret_basic')) headers.authorization = basic(clientId, secret);
  else {
    form.set('client_id', clientId);
    if (secret) form.set('client_secret', secret);
  }
  let body: Record<string, unknown>;
  let status: number;
  try {
    const res = await fetch(ep.tokenEndpoint, { method: 'POST', headers, body: form, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = res.status;
    body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  } catch (e) {
    throw new FederationError(`The identity provider's token endpoint could not be reached (${(e as Error).message}).`, 'server_error');
  }
  if (status !== 200) {
    const what = typeof body.error === 'string' ? `: ${body.error}` : '';
    throw new FederationError(`The identity provider refused the authorization code (HTTP ${status}${what}).`);
  }
  if (typeof body.id_token !== 'string') throw new FederationError('The identity provider returned no id_token; is openid among authorize_scopes?');
  return { idToken: body.id_token, ...(typeof body.access_token === 'string' ? { accessToken: body.access_token } : {}) };
}

async function verifyIdToken(svc: Services, p: IdentityProvider, ep: OidcEndpoints, idToken: string, nonce: string): Promise<Record<string, unknown>> {
  const clientId = p.details.client_id!;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, keysOf(svc, ep.jwksUri), {
      issuer: ep.issuer,
      audience: clientId,
      algorithms: ALGORITHMS,
      currentDate: new Date(svc.clock.now()),
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'exp', 'iat'],
    }));
  } catch (e) {
    const why = e instanceof joseErrors.JOSEError ? e.message : 'unreadable token';
    throw new FederationError(`The identity provider's ID token was refused: ${why}.`);
  }
  // OIDC Core §3.1.3.7: with several audiences the token must be issued to us (azp).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) {
    throw new FederationError("The identity provider's ID token was refused: azp is not this client.");
  }
  if (typeof payload.nonce !== 'string' || !safeEqual(payload.nonce, nonce)) {
    throw new FederationError("The identity provider's ID token was refused: its nonce does not match this sign-in.");
  }
  return payload;
}

async function userinfo(p: IdentityProvider, ep: OidcEndpoints, accessToken: string, sub: string): Promise<Record<string, unknown>> {
  const post = p.details.attributes_request_method === 'POST';
  let body: unknown;
  try {
    const res = await fetch(ep.userinfoEndpoint!, {
      method: post ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (e) {
    throw new FederationError(`The identity provider's userinfo endpoint failed (${(e as Error).message}).`, 'server_error');
  }
  if (!body || typeof body !== 'object') throw new FederationError("The identity provider's userinfo is not a JSON object.");
  const claims = body as Record<string, unknown>;
  // OIDC Core §5.3.2: a userinfo answer about someone else must not be used.
  if (claims.sub !== sub) throw new FederationError("The identity provider's userinfo is about another subject than its ID token.");
  return claims;
}

/** Redeems the code and returns the verified claims of the external user (ID token, then userinfo over it). */
export async function externalClaims(
  svc: Services, p: IdentityProvider, code: string, verifier: string, nonce: string, redirectUri = idpResponseUrl(svc),
): Promise<Record<string, unknown>> {
  const ep = await endpointsOf(svc, p);
  const { idToken, accessToken } = await redeem(p, ep, code, verifier, redirectUri);
  const idClaims = await verifyIdToken(svc, p, ep, idToken, nonce);
  const sub = String(idClaims.sub);
  const info = ep.userinfoEndpoint && accessToken ? await userinfo(p, ep, accessToken, sub) : {};
  return { ...idClaims, ...info, sub };
}
