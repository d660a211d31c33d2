/**
 * The OpenID token an identity pool issues for an identity (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity):
 * RS256, `iss` the configured identity-pool issuer (Cognito's `https://cognito-identity.amazonaws.com` by
 * default), `aud` the identity pool id, `sub` the identity id, `amr` the authentication methods, and principal
 * tags in the STS session-tag claim. Keys are ordinary rotating signing keys (src/tokens/keys.ts) under a
 * reserved key-owner id that no user pool can have; the JWKS is served at `/.well-known/jwks_uri`.
 * Verification is for our own consumers (GetCredentialsForIdentity with a developer token, STS
 * AssumeRoleWithWebIdentity): it never accepts another issuer's token, nor one for a deleted identity.
 */
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { identitiesRepo } from '../store/identity-pools-repo.js';
import { signingKey, verificationKey, poolJwks } from '../tokens/keys.js';
import type { Services } from '../services.js';

/** Owner id of the identity-pool token keys in the signing_keys table (not a valid user pool id). */
export const IDENTITY_TOKEN_KEYS = 'cognito-identity';
/** The federated provider name trust policies use for these tokens. */
export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
export const TAGS_CLAIM = 'https://aws.amazon.com/tags';

export const identityPoolIssuer = (svc: Services) => svc.config.identityPoolIssuer.replace(/\/+$/, '');

export interface OpenIdTokenInput {
  identityPoolId: string;
  identityId: string;
  amr: readonly string[];
  durationSeconds: number;
  principalTags?: Readonly<Record<string, string>>;
}

export async function mintOpenIdToken(svc: Services, input: OpenIdTokenInput): Promise<string> {
  const { kid, privateKey } = await signingKey(svc, IDENTITY_TOKEN_KEYS, 'id');
  const iat = Math.floor(svc.clock.now() / 1000);
  const tags = input.principalTags && Object.keys(input.principalTags).length > 0
    ? { [TAGS_CLAIM]: { principal_tags: Object.fromEntries(Object.entries(input.principalTags).map(([k, v]) => [k, [v]])) } }
    : {};
  return new SignJWT({ amr: [...input.amr], ...tags })
    .setProtectedHeader({ kid, typ: 'JWS', alg: 'RS256' })
    .setIssuer(identityPoolIssuer(svc))
    .setSubject(input.identityId)
    .setAudience(input.identityPoolId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + input.durationSeconds)
    .sign(privateKey);
}

export interface VerifiedOpenIdToken {
  identityId: string;
  identityPoolId: string;
  amr: string[];
  principalTags: Record<string, string>;
  issuer: string;
  /** Epoch seconds. */
  exp: number;
  payload: Record<string, unknown>;
}

export type OpenIdTokenCheck = { ok: true; token: VerifiedOpenIdToken } | { ok: false; reason: 'invalid' | 'expired' | 'identity-gone' };

/** True when the text is a JWT whose `iss` is the identity-pool issuer (so callers know whose verifier applies). */
export function isIdentityPoolToken(svc: Services, token: string): boolean {
  try {
    return decodeJwt(token).iss === identityPoolIssuer(svc);
  } catch {
    return false;
  }
}

/**
 * Verifies an OpenID token of ours: RS256 with a live identity-token key, `iss`, `exp` against svc.clock,
 * `aud`/`sub` shaped like pool and identity ids, and the identity still existing and enabled in that pool.
 */
export async function verifyIdentityPoolOpenIdToken(svc: Services, token: string): Promise<OpenIdTokenCheck> {
  if (typeof token !== 'string' || token.length > 16_384) return { ok: false, reason: 'invalid' };
  let kid: string;
  try {
    const h = decodeProtectedHeader(token);
    if (h.alg !== 'RS256' || typeof h.kid !== 'string') return { ok: false, reason: 'invalid' };
    kid = h.kid;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const key = await verificationKey(svc, IDENTITY_TOKEN_KEYS, kid);
  if (!key || key.purpose !== 'id') return { ok: false, reason: 'invalid' };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['RS256'],
      issuer: identityPoolIssuer(svc),
      currentDate: new Date(svc.clock.now()),
      requiredClaims: ['exp', 'iat', 'sub', 'aud'],
    }));
  } catch (e) {
    return { ok: false, reason: e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
  const { sub, aud, amr, exp } = payload as { sub: unknown; aud: unknown; amr: unknown; exp: number };
  if (typeof sub !== 'string' || typeof aud !== 'string' || !Array.isArray(amr) || !amr.every((a) => typeof a === 'string')) {
    return { ok: false, reason: 'invalid' };
  }
  const identity = await identitiesRepo.get(svc.db, sub);
  if (!identity || identity.identity_pool_id !== aud || identity.disabled) return { ok: false, reason: 'identity-gone' };
  const tagClaim = (payload[TAGS_CLAIM] as { principal_tags?: Record<string, unknown> } | undefined)?.principal_tags ?? {};
  const principalTags: Record<string, string> = {};
  for (const [k, v] of Object.entries(tagClaim)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') principalTags[k] = first;
  }
  return { ok: true, token: { identityId: sub, identityPoolId: aud, amr: amr as string[], principalTags, issuer: identityPoolIssuer(svc), exp, payload } };
}

/** The public keys that verify these tokens (current, next and previous). */
export const identityTokenJwks = (svc: Services) => poolJwks(svc, IDENTITY_TOKEN_KEYS, ['id']);
