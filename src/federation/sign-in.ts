/**
 * A federated sign-in from start to finish. `beginFederatedSignIn` (called by /oauth2/authorize with
 * identity_provider or idp_identifier) stores the original authorize request under a fresh random state —
 * only its SHA-256 is stored — with a nonce and a PKCE verifier towards the IdP, and returns the URL of the
 * browser-binding step. `bindBrowser` sets the state cookie and sends the browser to the IdP.
 * `completeFederatedSignIn` (/oauth2/idpresponse) requires that cookie, consumes the state exactly once, redeems
 * the IdP's code, signs the user in and issues our authorization code to the app's registered redirect URI with
 * the app's own state. It must never redirect anywhere the stored request did not name.
 */
import { ServiceError } from '../errors.js';
import { ids, safeEqual, sha256B64u } from '../crypto/random.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';
import { getPool, getPoolClient } from '../user-pools/pools.js';
import { federationStatesRepo } from '../store/federation-repo.js';
import { issueAuthorizationCode } from '../oauth/authorization-codes.js';
import { issueOAuthTokens } from '../oauth/tokens.js';
import { SESSION_TTL_MS, sessionCookieName, startWebSession } from '../hosted-ui/web-session.js';
import { findProvider, providerByIdentifier, type IdentityProvider } from './providers.js';
import { endpointsOf } from './discovery.js';
import { externalClaims, idpResponseUrl } from './idp-exchange.js';
import { identitiesOf, userForExternalIdentity } from './users.js';
import { FederationError } from './errors.js';

/** The /oauth2/authorize request a federated sign-in answers in the end. */
export interface AuthorizeRequest {
  responseType: string;
  redirectUri: string;
  scopes: readonly string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

/** What the state row keeps: the app's request, and the redirect URI we gave the IdP (the starting mount's). */
interface StoredRequest extends AuthorizeRequest {
  idpRedirectUri?: string;
}

/** How long the user may take at the IdP. */
export const STATE_TTL_MS = 15 * 60_000;
export const STATE_COOKIE = 'cognate-federation';


/** `url` with these query parameters added (undefined ones left out). */
export function withParams(url: string, params: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/** `url#params`; callback URLs never carry a fragment of their own (client configuration refuses them). */
export function withFragment(url: string, params: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, v);
  return `${url}#${p}`;
}

/** The provider named by identity_provider or idp_identifier, if the client may use it. */
export async function resolveProvider(svc: Services, pool: UserPool, client: PoolClient, by: { provider?: string; idpIdentifier?: string }): Promise<IdentityProvider> {
  const p = by.provider !== undefined ? await findProvider(svc, pool.id, by.provider) : by.idpIdentifier !== undefined ? await providerByIdentifier(svc, pool, by.idpIdentifier) : undefined;
  const named = by.provider ?? by.idpIdentifier ?? '';
  if (!p) throw new FederationError(`Identity provider ${named} does not exist in user pool ${pool.id}.`);
  const supported = (client.config.SupportedIdentityProviders ?? []) as string[];
  if (!supported.includes(p.name)) throw new FederationError(`Identity provider ${p.name} is not enabled for this app client (SupportedIdentityProviders).`, 'unauthorized_client');
  return p;
}

/**
 * Starts a federated sign-in; returns the URL to send the browser to. Throws FederationError (unknown provider,
 * provider not enabled for the client, unreachable discovery document). `mountOrigin` is where the browser
 * reached the hosted UI (`{scheme}://{host}{base}`, publicUrl by default): the sign-in comes back there, so the
 * SSO cookie lands on the host (and path) the user signs in on.
 */
export async function beginFederatedSignIn(
  svc: Services,
  input: { pool: UserPool; client: PoolClient; provider?: string; idpIdentifier?: string; authorizeRequest: AuthorizeRequest; mountOrigin?: string },
): Promise<string> {
  const { pool, client, authorizeRequest } = input;
  const mount = (input.mountOrigin ?? svc.config.publicUrl).replace(/\/+$/, '');
  const idpRedirectUri = idpResponseUrl(svc, mount);
  if (authorizeRequest.responseType !== 'code' && authorizeRequest.responseType !== 'token') {
    throw new FederationError(`response_type ${authorizeRequest.responseType} is not supported.`, 'unsupported_response_type');
  }
  const p = await resolveProvider(svc, pool, client, input);
  const ep = await endpointsOf(svc, p);
  const state = ids.opaque(32);
  const nonce = ids.opaque(24);
  const verifier = ids.opaque(48);
  const stateHash = sha256B64u(state);
  const idpUrl = withParams(ep.authorizationEndpoint, {
    response_type: 'code',
    client_id: p.details.client_id,
    redirect_uri: idpRedirectUri,
    scope: p.details.authorize_scopes,
    state,
    nonce,
    code_challenge: sha256B64u(verifier),
    code_challenge_method: 'S256',
  });
  const now = svc.clock.now();
  await federationStatesRepo.deleteExpired(svc.db, now).catch((err: unknown) => svc.log.warn({ err }, 'federation state cleanup failed'));
  await federationStatesRepo.insert(svc.db, {
    state_hash: stateHash,
    pool_id: pool.id,
    client_id: client.id,
    provider_name: p.name,
    request: JSON.stringify({
      responseType: authorizeRequest.responseType,
      redirectUri: authorizeRequest.redirectUri,
      scopes: [...authorizeRequest.scopes],
      state: authorizeRequest.state,
      nonce: authorizeRequest.nonce,
      codeChallenge: authorizeRequest.codeChallenge,
      codeChallengeMethod: authorizeRequest.codeChallengeMethod,
      idpRedirectUri,
    } satisfies StoredRequest),
    nonce,
    verifier_enc: svc.box.seal(verifier, `federation:${stateHash}`),
    idp_url: idpUrl,
    expires_at: now + STATE_TTL_MS,
    created_at: now,
  });
  return `${mount}/oauth2/idpstart?${new URLSearchParams({ state })}`;
}

/** The IdP URL for a state not yet used, for the browser-binding step; undefined when unknown or expired. */
export async function bindBrowser(svc: Services, state: string): Promise<string | undefined> {
  const row = await federationStatesRepo.peek(svc.db, sha256B64u(state));
  if (!row || Number(row.expires_at) < svc.clock.now()) return undefined;
  return row.idp_url;
}

export interface IdpResponse { state?: string; code?: string; error?: string; error_description?: string }

/**
 * Finishes the sign-in: returns where to send the browser (the app's redirect URI with our code, or with an
 * OAuth error). Throws FederationError when there is no trustworthy place to send the browser to (unknown,
 * replayed or expired state; a browser that did not start this sign-in) — the caller shows an error page.
 */
export interface FederatedOutcome {
  location: string;
  /** The hosted UI's SSO session for the pool, when the user signed in (cookie `cognito-{poolId}`). */
  session?: { cookieName: string; secret: string; maxAgeSeconds: number };
}

export async function completeFederatedSignIn(svc: Services, q: IdpResponse, boundState: string | undefined): Promise<FederatedOutcome> {
  if (!q.state) throw new FederationError('The identity provider answered without state.');
  // Login CSRF: a code+state pair from someone else's sign-in must not log this browser in.
  if (!boundState || !safeEqual(boundState, q.state)) throw new FederationError('This sign-in was not started in this browser; start it again from the app.');
  const stateHash = sha256B64u(q.state);
  const row = await federationStatesRepo.take(svc.db, stateHash);
  if (!row || Number(row.expires_at) < svc.clock.now()) throw new FederationError('The sign-in state is unknown, expired or already used; start again from the app.');
  const req = JSON.parse(row.request) as StoredRequest;
  // The implicit flow answers in the fragment, the code flow in the query (RFC 6749 §4.1.2, §4.2.2).
  const toApp = (params: Record<string, string | undefined>): FederatedOutcome => ({
    location: req.responseType === 'token' ? withFragment(req.redirectUri, { ...params, state: req.state }) : withParams(req.redirectUri, { ...params, state: req.state }),
  });
  try {
    if (q.error) {
      const text = q.error_description ? `${q.error}: ${q.error_description}` : q.error;
      return toApp({ error: 'invalid_request', error_description: `The identity provider refused the sign-in (${text}).`.slice(0, 512) });
    }
    if (!q.code) throw new FederationError('The identity provider answered without a code.');
    const pool = await getPool(svc, row.pool_id);
    const client = await getPoolClient(svc, pool.id, row.client_id);
    const p = await findProvider(svc, pool.id, row.provider_name);
    if (!p) throw new FederationError(`Identity provider ${row.provider_name} no longer exists.`);
    const verifier = svc.box.open(row.verifier_enc, `federation:${stateHash}`);
    // Rows from before idpRedirectUri was kept were all started at publicUrl.
    const claims = await externalClaims(svc, p, q.code, verifier, row.nonce, req.idpRedirectUri ?? idpResponseUrl(svc));
    const user = await userForExternalIdentity(svc, pool, p, claims, client.id);
    const identities = identitiesOf(user).map((e) => ({ ...e, primary: String(e.primary), dateCreated: String(e.dateCreated) }));
    const authTime = Math.floor(svc.clock.now() / 1000);
    // Single sign-on across the pool's clients, as after a password sign-in on the hosted pages.
    const session = {
      cookieName: sessionCookieName(pool.id),
      secret: await startWebSession(svc, pool, user, svc.clock.now()),
      maxAgeSeconds: SESSION_TTL_MS / 1000,
    };
    if (req.responseType === 'token') {
      // Implicit flow: never a refresh token; lower-case `bearer` as Cognito's fragment shows it.
      const t = await issueOAuthTokens(svc, {
        pool, client, user, scopes: req.scopes, authTime, withRefreshToken: false,
        ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
        ...(identities.length > 0 ? { identities } : {}),
      });
      return { ...toApp({ id_token: t.id_token, access_token: t.access_token, token_type: 'bearer', expires_in: String(t.expires_in) }), session };
    }
    const code = await issueAuthorizationCode(svc, {
      pool,
      client,
      user,
      redirectUri: req.redirectUri,
      scopes: [...req.scopes],
      ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
      ...(req.codeChallenge !== undefined ? { codeChallenge: req.codeChallenge, codeChallengeMethod: req.codeChallengeMethod ?? 'plain' } : {}),
      authTime,
      ...(identities.length > 0 ? { identities } : {}),
    });
    return { ...toApp({ code }), session };
  } catch (e) {
    if (e instanceof FederationError) return toApp({ error: e.oauthError, error_description: e.message });
    if (e instanceof ServiceError) return toApp({ error: 'invalid_request', error_description: e.message });
    svc.log.error({ err: e }, 'federated sign-in failed');
    return toApp({ error: 'server_error', error_description: 'The sign-in could not be completed.' });
  }
}
