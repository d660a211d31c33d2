/**
 * An /oauth2/authorize request, checked in RFC 6749's order: first what decides whether the browser may be
 * sent anywhere at all (client_id, and redirect_uri exactly one of the client's CallbackURLs) — failures there
 * are an error page and never a redirect (open-redirect defence); then everything else, whose failures go back
 * to the registered redirect_uri as `error=…&state=…` (query for code, fragment for token). Also builds the
 * success redirect (code, or implicit-flow tokens). The same request is re-checked on every hosted-UI page, as
 * it travels in the page URLs. No HTTP objects here.
 */
import { issueAuthorizationCode } from '../oauth/authorization-codes.js';
import { OAuthError } from '../oauth/errors.js';
import { assertFlowAllowed, grantScopes } from '../oauth/scopes.js';
import { issueOAuthTokens } from '../oauth/tokens.js';
import type { Services } from '../services.js';
import type { DomainRow } from '../store/hosted-ui-repo.js';
import { getClient, getPool } from '../user-pools/pools.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import { ServiceError } from '../errors.js';

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly responseType: 'code' | 'token';
  readonly scopes: string[];
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  readonly prompt: ReadonlySet<string>;
  /** Seconds. */
  readonly maxAge?: number;
  readonly loginHint?: string;
  readonly identityProvider?: string;
  readonly idpIdentifier?: string;
}

export interface OpenRequest {
  readonly pool: UserPool;
  readonly client: PoolClient;
  readonly req: AuthorizeRequest;
}

/** Not redirectable: shown as an error page. */
export class PageError extends Error {
  constructor(readonly title: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** A redirect to the (already validated) redirect_uri carrying an OAuth error. */
export class RedirectError extends Error {
  constructor(readonly location: string) {
    super('redirect');
  }
}

/** The parameters this module owns; pages strip everything else before carrying the query along. */
export const OAUTH_PARAMS = [
  'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method',
  'prompt', 'max_age', 'login_hint', 'identity_provider', 'idp_identifier', 'lang',
] as const;

const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;
const MAX_PARAM = 2048;

function single(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw new DuplicateParam(name);
  const v = all[0];
  return v === undefined || v === '' ? undefined : v;
}
class DuplicateParam extends Error {
  constructor(readonly param: string) {
    super(`The ${param} parameter is repeated.`);
  }
}

/** `redirect_uri` + `?`/`#` + params. Callback URLs never contain a fragment (the client config refuses them). */
export function withParams(uri: string, params: Record<string, string | undefined>, mode: 'query' | 'fragment'): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, v);
  if (mode === 'fragment') return `${uri}#${p}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${p}`;
}

export async function openAuthorizeRequest(svc: Services, q: URLSearchParams, domain?: DomainRow): Promise<OpenRequest> {
  let clientId: string | undefined;
  let redirectUri: string | undefined;
  try {
    clientId = single(q, 'client_id');
    redirectUri = single(q, 'redirect_uri');
  } catch (e) {
    throw new PageError('Invalid request', (e as Error).message);
  }
  if (!clientId) throw new PageError('Invalid request', 'The client_id parameter is missing.');
  let client: PoolClient;
  try {
    client = await getClient(svc, clientId);
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') throw new PageError('Invalid request', 'The app client in this link does not exist.');
    throw e;
  }
  if (domain && domain.pool_id !== client.poolId) throw new PageError('Invalid request', 'The app client in this link does not belong to this domain.');
  const callbacks: string[] = Array.isArray(client.config.CallbackURLs) ? client.config.CallbackURLs : [];
  if (!redirectUri) throw new PageError('Invalid request', 'The redirect_uri parameter is missing.');
  // Exact string comparison, nothing looser: a prefix or case-folded match is how open redirects start.
  if (!callbacks.includes(redirectUri)) throw new PageError('Invalid request', 'redirect_mismatch: the redirect_uri is not registered for this app client.');
  const pool = await getPool(svc, client.poolId);

  const rawType = q.get('response_type') ?? undefined;
  const mode = rawType === 'token' ? 'fragment' : 'query';
  const fail = (error: string, description: string): never => {
    let state: string | undefined;
    try {
      state = single(q, 'state');
    } catch {
      state = undefined;
    }
    throw new RedirectError(withParams(redirectUri!, { error, error_description: description, state }, mode));
  };
  try {
    const responseType = single(q, 'response_type');
    if (!responseType) return fail('invalid_request', 'response_type is required.');
    if (responseType !== 'code' && responseType !== 'token') return fail('unsupported_response_type', `response_type ${responseType} is not supported.`);
    assertFlowAllowed(client, responseType === 'code' ? 'code' : 'implicit');
    const scopes = await grantScopes(svc, client, single(q, 'scope'));
    const state = single(q, 'state');
    const nonce = single(q, 'nonce');
    const loginHint = single(q, 'login_hint');
    for (const [k, v] of [['state', state], ['nonce', nonce], ['login_hint', loginHint]] as const) {
      if (v !== undefined && v.length > MAX_PARAM) return fail('invalid_request', `${k} is longer than ${MAX_PARAM} characters.`);
    }
    const codeChallenge = single(q, 'code_challenge');
    const method = single(q, 'code_challenge_method');
    if (method !== undefined && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'code_challenge_method must be S256 or plain.');
    if (method !== undefined && codeChallenge === undefined) return fail('invalid_request', 'code_challenge_method was given without code_challenge.');
    if (codeChallenge !== undefined && !PKCE_CHALLENGE.test(codeChallenge)) return fail('invalid_request', 'code_challenge must be 43-128 unreserved characters.');
    const prompt = new Set((single(q, 'prompt') ?? '').split(' ').filter(Boolean));
    if (prompt.has('none') && prompt.size > 1) return fail('invalid_request', 'prompt=none cannot be combined with other values.');
    const maxAgeText = single(q, 'max_age');
    if (maxAgeText !== undefined && !/^\d{1,10}$/.test(maxAgeText)) return fail('invalid_request', 'max_age must be a non-negative integer.');
    const usePkce = responseType === 'code' && codeChallenge !== undefined;
    return {
      pool,
      client,
      req: {
        clientId,
        redirectUri,
        responseType,
        scopes,
        state,
        nonce,
        ...(usePkce ? { codeChallenge, codeChallengeMethod: (method ?? 'plain') as 'S256' | 'plain' } : {}),
        prompt,
        maxAge: maxAgeText === undefined ? undefined : Number(maxAgeText),
        loginHint,
        identityProvider: single(q, 'identity_provider'),
        idpIdentifier: single(q, 'idp_identifier'),
      },
    };
  } catch (e) {
    if (e instanceof RedirectError) throw e;
    if (e instanceof DuplicateParam) return fail('invalid_request', e.message);
    if (e instanceof OAuthError) return fail(e.error, e.description);
    throw e;
  }
}

/** An OAuth error for a request that passed validation (prompt=none without a session, server errors…). */
export function errorRedirect(r: AuthorizeRequest, error: string, description: string): string {
  return withParams(r.redirectUri, { error, error_description: description, state: r.state }, r.responseType === 'token' ? 'fragment' : 'query');
}

/** Where the browser goes once the user is signed in: the code, or (implicit flow) the tokens in the fragment. */
export async function completeAuthorization(svc: Services, o: OpenRequest, user: UserRecord, authTimeMs: number): Promise<string> {
  const { pool, client, req } = o;
  const authTime = Math.floor(authTimeMs / 1000);
  if (req.responseType === 'code') {
    const code = await issueAuthorizationCode(svc, {
      pool,
      client,
      user,
      redirectUri: req.redirectUri,
      scopes: req.scopes,
      nonce: req.nonce,
      codeChallenge: req.codeChallenge,
      codeChallengeMethod: req.codeChallengeMethod,
      authTime,
    });
    return withParams(req.redirectUri, { code, state: req.state }, 'query');
  }
  // Implicit flow: never a refresh token (RFC 6749 §4.2.2); lower-case `bearer` as Cognito's fragment shows it.
  const t = await issueOAuthTokens(svc, { pool, client, user, scopes: req.scopes, authTime, nonce: req.nonce, withRefreshToken: false });
  return withParams(
    req.redirectUri,
    { id_token: t.id_token, access_token: t.access_token, token_type: 'bearer', expires_in: String(t.expires_in), state: req.state },
    'fragment',
  );
}
