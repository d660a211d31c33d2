/**
 * The rules of an identity provider's configuration, as CreateIdentityProvider / UpdateIdentityProvider check
 * them: which ProviderType Cognate serves (OIDC; the others are refused as not yet supported), the OIDC
 * ProviderDetails keys and their values, the AttributeMapping (pool attributes only, mutable, `username` → `sub`
 * by default) and IdpIdentifiers. Pure: no I/O. Every refusal is an InvalidParameterException naming the key.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { poolSchema } from '../users/attributes.js';

export const PROVIDER_TYPES = ['SAML', 'Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Keys a client may send for an OIDC provider (the last ones are what Describe shows and tools send back). */
const OIDC_KEYS = new Set([
  'client_id', 'client_secret', 'authorize_scopes', 'oidc_issuer', 'attributes_request_method',
  'authorize_url', 'token_url', 'attributes_url', 'jwks_uri', 'attributes_url_add_attributes',
]);
const URL_KEYS = ['oidc_issuer', 'authorize_url', 'token_url', 'attributes_url', 'jwks_uri'] as const;
const IDENTIFIER = /^[\w\s+=.@-]+$/;
export const MAX_IDENTIFIERS = 50;

/**
 * Non-OIDC types exist in Cognito; Cognate says plainly that it does not serve them yet. The error is
 * InvalidParameterException, the one CreateIdentityProvider's model lists for a value it does not accept
 * (UnsupportedIdentityProviderException belongs to Update/DeleteIdentityProvider, not to Create), with the
 * field, the value and the way out in the message.
 */
export function checkProviderType(type: string): asserts type is 'OIDC' {
  if (type === 'OIDC') return;
  if (!(PROVIDER_TYPES as readonly string[]).includes(type)) {
    throw errors.invalidParameter(`ProviderType ${type} is not valid; it must be one of ${PROVIDER_TYPES.join(', ')}.`);
  }
  const kind = type === 'SAML' ? 'SAML 2.0 providers' : `Social providers (${type})`;
  throw errors.invalidParameter(
    `ProviderType ${type} is not supported by Cognate yet: ${kind} are planned; only OIDC providers can be created now. A social provider that speaks OpenID Connect can be added as ProviderType OIDC.`,
  );
}

/** ProviderName of a new provider: Cognito reserves the name of the pool's own directory. */
export function checkProviderName(name: string): void {
  if (name.toLowerCase() === 'cognito') throw errors.invalidParameter(`ProviderName ${name} is reserved for the user pool's own directory.`);
}

function checkUrl(svc: Services, key: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw errors.invalidParameter(`ProviderDetails ${key} must be an absolute URL; got "${value}".`);
  }
  // Plain http would hand codes and tokens to anyone on the path; it is allowed only for local development.
  const httpOk = svc.config.mode === 'development' && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !httpOk) throw errors.invalidParameter(`ProviderDetails ${key} must be an https URL.`);
  if (url.hash) throw errors.invalidParameter(`ProviderDetails ${key} must not contain a fragment.`);
}

/**
 * Checks OIDC ProviderDetails and returns them normalised (issuer without trailing slash, default request
 * method). `previousSecret` keeps a stored client_secret when an update leaves it out.
 */
export function checkOidcDetails(svc: Services, details: Record<string, string>, previousSecret?: string): Record<string, string> {
  for (const key of Object.keys(details)) {
    if (!OIDC_KEYS.has(key)) throw errors.invalidParameter(`ProviderDetails key ${key} is not valid for ProviderType OIDC.`);
  }
  const out: Record<string, string> = { ...details };
  delete out.attributes_url_add_attributes;
  for (const key of ['client_id', 'authorize_scopes', 'oidc_issuer']) {
    if (!out[key] || !out[key]!.trim()) throw errors.invalidParameter(`ProviderDetails ${key} is required for ProviderType OIDC.`);
  }
  for (const key of URL_KEYS) if (out[key] !== undefined) checkUrl(svc, key, out[key]!);
  const scopes = out.authorize_scopes!.split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) throw errors.invalidParameter('ProviderDetails authorize_scopes must include openid for ProviderType OIDC.');
  out.authorize_scopes = scopes.join(' ');
  const method = out.attributes_request_method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') throw errors.invalidParameter('ProviderDetails attributes_request_method must be GET or POST.');
  out.attributes_request_method = method;
  if (out.client_secret === undefined && previousSecret !== undefined) out.client_secret = previousSecret;
  if (out.client_secret !== undefined && out.client_secret === '') delete out.client_secret;
  return out;
}

/**
 * AttributeMapping: keys are pool attributes (standard or custom) or `username`; values are IdP claim names.
 * Mapped attributes are rewritten at every sign-in, so they must be mutable. `username` defaults to `sub`.
 */
export function checkAttributeMapping(pool: UserPool, mapping: Record<string, string> | undefined): Record<string, string> {
  const schema = poolSchema(pool);
  const out: Record<string, string> = { username: 'sub' };
  for (const [attr, claim] of Object.entries(mapping ?? {})) {
    if (attr === 'username') {
      if (!claim) throw errors.invalidParameter('AttributeMapping username must name an IdP claim.');
      out.username = claim;
      continue;
    }
    const def = schema.get(attr);
    if (!def || attr === 'sub' || attr === 'identities') {
      throw errors.invalidParameter(`AttributeMapping key ${attr} is not an attribute of user pool ${pool.id} that can be mapped.`);
    }
    if (def.Mutable === false) throw errors.invalidParameter(`AttributeMapping key ${attr} is an immutable attribute; mapped attributes must be mutable.`);
    if (!claim) throw errors.invalidParameter(`AttributeMapping ${attr} must name an IdP claim.`);
    out[attr] = claim;
  }
  return out;
}

export function checkIdentifiers(ids: readonly string[] | undefined): string[] {
  const list = [...(ids ?? [])];
  if (list.length > MAX_IDENTIFIERS) throw errors.invalidParameter(`IdpIdentifiers may hold at most ${MAX_IDENTIFIERS} identifiers.`);
  const seen = new Set<string>();
  for (const id of list) {
    if (id.length < 1 || id.length > 40 || !IDENTIFIER.test(id)) {
      throw errors.invalidParameter(`IdpIdentifiers value "${id}" must be 1-40 characters matching [\\w\\s+=.@-]+.`);
    }
    if (seen.has(id)) throw errors.invalidParameter(`IdpIdentifiers lists "${id}" twice.`);
    seen.add(id);
  }
  return list;
}
