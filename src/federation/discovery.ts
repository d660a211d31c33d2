/**
 * Where an OIDC provider's endpoints are: the explicit ProviderDetails URLs, else its discovery document
 * (`{oidc_issuer}/.well-known/openid-configuration`, whose `issuer` must equal oidc_issuer exactly — OIDC
 * Discovery §4.3, so a document cannot speak for another issuer). Documents and JWKS are cached per node for a
 * few minutes; both are caches a node may lose. Never follows a document to a non-https URL outside development.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { perServices, type Services } from '../services.js';
import type { IdentityProvider } from './providers.js';
import { FederationError } from './errors.js';

export interface OidcEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint?: string;
  jwksUri: string;
  /** token_endpoint_auth_methods_supported; OIDC's default is client_secret_basic. */
  tokenAuthMethods: readonly string[];
}

const CACHE_MS = 10 * 60_000;
const FETCH_TIMEOUT_MS = 10_000;

const documents = perServices(() => new Map<string, { at: number; doc: Record<string, unknown> }>());
const keySets = perServices(() => new Map<string, JWTVerifyGetKey>());

function usableUrl(svc: Services, value: unknown, what: string): string {
  if (typeof value !== 'string') throw new FederationError(`The identity provider's discovery document has no ${what}.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FederationError(`The identity provider's ${what} is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(svc.config.mode === 'development' && url.protocol === 'http:')) {
    throw new FederationError(`The identity provider's ${what} is not an https URL.`);
  }
  return value;
}

async function discover(svc: Services, issuer: string): Promise<Record<string, unknown>> {
  const cache = documents(svc);
  const hit = cache.get(issuer);
  if (hit && svc.clock.now() - hit.at < CACHE_MS) return hit.doc;
  let doc: unknown;
  try {
    const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = await res.json();
  } catch (e) {
    throw new FederationError(`The identity provider's discovery document could not be read (${(e as Error).message}).`);
  }
  if (!doc || typeof doc !== 'object') throw new FederationError("The identity provider's discovery document is not a JSON object.");
  const d = doc as Record<string, unknown>;
  if (d.issuer !== issuer) throw new FederationError(`The identity provider's discovery document names issuer ${String(d.issuer)}, not ${issuer}.`);
  cache.set(issuer, { at: svc.clock.now(), doc: d });
  return d;
}

/** The provider's endpoints: explicit ProviderDetails URLs win over the discovered ones. */
export async function endpointsOf(svc: Services, p: IdentityProvider): Promise<OidcEndpoints> {
  const d = p.details;
  const issuer = d.oidc_issuer!;
  const explicit = d.authorize_url && d.token_url && d.jwks_uri;
  const doc = explicit ? {} : await discover(svc, issuer);
  const methods = Array.isArray(doc.token_endpoint_auth_methods_supported) ? (doc.token_endpoint_auth_methods_supported as unknown[]).filter((m): m is string => typeof m === 'string') : [];
  const userinfo = d.attributes_url ?? doc.userinfo_endpoint;
  return {
    issuer,
    authorizationEndpoint: d.authorize_url ?? usableUrl(svc, doc.authorization_endpoint, 'authorization_endpoint'),
    tokenEndpoint: d.token_url ?? usableUrl(svc, doc.token_endpoint, 'token_endpoint'),
    ...(userinfo !== undefined ? { userinfoEndpoint: usableUrl(svc, userinfo, 'userinfo_endpoint') } : {}),
    jwksUri: d.jwks_uri ?? usableUrl(svc, doc.jwks_uri, 'jwks_uri'),
    tokenAuthMethods: methods.length > 0 ? methods : ['client_secret_basic'],
  };
}

/** The provider's JWKS as a jose key resolver (refetched on an unknown kid, at most every 30 s). */
export function keysOf(svc: Services, jwksUri: string): JWTVerifyGetKey {
  const cache = keySets(svc);
  let set = cache.get(jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: FETCH_TIMEOUT_MS, cacheMaxAge: CACHE_MS, cooldownDuration: 30_000 });
    cache.set(jwksUri, set);
  }
  return set;
}
