/**
 * Minting a sign-in's tokens: an RS256 ID token and access token with Cognito's exact claim sets, signed with
 * the pool's current keys, plus (optionally) an opaque refresh token recorded in the store. Every instant
 * comes from svc.clock. This module decides nothing about whether the user may sign in; callers do.
 */
import { sha256 } from '../crypto/random.js';
import { groupsOfUser } from '../users/lookup.js';
import { signingKey, type KeyPurpose } from './keys.js';
import { signRs256 } from './jws.js';
import { accessTokenClaims, customize, idTokenClaims, issuerFor, type ClaimContext } from './claims.js';
import { newJti } from './jti.js';
import { clientValidity } from './validity.js';
import { mintRefreshToken } from './refresh-tokens.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import type { Services } from '../services.js';
import { preTokenGeneration, type TokenSource } from '../triggers/token-generation.js';

// A type alias (not an interface) so it is assignable to Record<string, unknown>.
export type AuthenticationResult = {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  IdToken: string;
  RefreshToken?: string;
};

export interface IssueTokensInput {
  pool: UserPool;
  client: PoolClient;
  user: UserRecord;
  /** Time of the original sign-in, epoch seconds (epoch ms is recognised and converted); default now. */
  authTime?: number;
  /** The authentication these tokens continue (refresh); default a new one. */
  originJti?: string;
  deviceKey?: string;
  withRefreshToken: boolean;
  /** Auth event id (API-based sign-in). */
  eventId?: string;
  /** Access-token scopes (OAuth endpoints); default `aws.cognito.signin.user.admin`. */
  scopes?: readonly string[];
  /**
   * OAuth extras: `nonce` and `at_hash` in the ID token, `version: 2` in the access token, and (federated
   * sign-ins) the `identities` claim as given. The scopes are also recorded with the refresh token.
   */
  oauth?: { nonce?: string; atHash?: boolean; identities?: unknown };
  /**
   * Customisation (pre-token-generation trigger): claims to add or override and claims to suppress. Protected
   * claims (iss, sub, aud, token_use, times, ids, username, client_id…) are never touched.
   */
  extraIdClaims?: Record<string, unknown>;
  extraAccessClaims?: Record<string, unknown>;
  suppressIdClaims?: readonly string[];
  suppressAccessClaims?: readonly string[];
  /** Groups to put in the tokens instead of the user's (pre-token-generation group override). */
  groupsOverride?: ReadonlyArray<{ name: string; roleArn?: string; precedence?: number }>;
  /**
   * PreTokenGeneration triggerSource. Unset: HostedAuth for OAuth tokens (code grant, hosted UI), RefreshTokens
   * when continuing an authentication (originJti given) outside OAuth, else Authentication. `false` skips it.
   */
  triggerSource?: TokenSource | false;
  /** ClientMetadata for the PreTokenGeneration event (not forwarded from InitiateAuth, as Cognito). */
  clientMetadata?: Readonly<Record<string, string>>;
}

export async function signJwt(svc: Services, poolId: string, purpose: KeyPurpose, claims: Record<string, unknown>): Promise<string> {
  const { kid, privateKey } = await signingKey(svc, poolId, purpose);
  // Synchronous node:crypto signing: cheaper per token than WebCrypto's promise and thread-pool round trip.
  return signRs256(claims, kid, privateKey);
}

const toSeconds = (t: number) => (t > 1e11 ? Math.floor(t / 1000) : Math.floor(t));

/** ID + access (+ refresh) tokens for a signed-in user, as Cognito's AuthenticationResult. */
export async function issueTokens(svc: Services, input: IssueTokensInput): Promise<AuthenticationResult> {
  const { pool, client, user } = input;
  const nowMs = svc.clock.now();
  const iat = Math.floor(nowMs / 1000);
  const authTime = input.authTime !== undefined ? toSeconds(input.authTime) : iat;
  const originJti = input.originJti ?? newJti(nowMs);
  const validity = clientValidity(client);
  const groups = input.groupsOverride ?? (await groupsOfUser(svc, pool.id, user.usernameKey));
  const source: TokenSource | false =
    input.triggerSource ?? (input.oauth ? 'TokenGeneration_HostedAuth' : input.originJti ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_Authentication');
  const custom = source ? await preTokenGeneration(svc, { pool, client, user, groups, source, scopes: input.scopes, clientMetadata: input.clientMetadata }) : undefined;
  const merge = (a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined) => (a || b ? { ...(a ?? {}), ...(b ?? {}) } : undefined);
  const extraIdClaims = merge(input.extraIdClaims, custom?.extraIdClaims);
  const extraAccessClaims = merge(input.extraAccessClaims, custom?.extraAccessClaims);
  const suppressIdClaims = [...(input.suppressIdClaims ?? []), ...(custom?.suppressIdClaims ?? [])];
  const suppressAccessClaims = [...(input.suppressAccessClaims ?? []), ...(custom?.suppressAccessClaims ?? [])];
  const ctx: ClaimContext = { issuer: issuerFor(svc, pool.id), client, user, groups, authTime, iat, originJti, eventId: input.eventId };

  const accessClaims = customize(
    accessTokenClaims(ctx, newJti(nowMs), iat + validity.accessSeconds, {
      scopes: input.scopes,
      deviceKey: input.deviceKey,
      extra: input.oauth ? { version: 2 } : {},
    }),
    extraAccessClaims,
    suppressAccessClaims,
  );
  const idExtra: Record<string, unknown> = {};
  if (input.oauth?.nonce !== undefined) idExtra.nonce = input.oauth.nonce;
  if (input.oauth?.identities !== undefined) idExtra.identities = input.oauth.identities;
  const idJti = newJti(nowMs);
  const idExp = iat + validity.idSeconds;
  const idClaims = (extra: Record<string, unknown>) =>
    customize(idTokenClaims(ctx, idJti, idExp, extra), extraIdClaims, suppressIdClaims);
  const signing = input.oauth?.atHash
    ? // at_hash binds the ID token to the access token, so the access token must exist first.
      signJwt(svc, pool.id, 'access', accessClaims).then(async (at) => [at, await signJwt(svc, pool.id, 'id', idClaims({ ...idExtra, at_hash: atHash(at) }))] as const)
    : // Both signatures (synchronous once the keys are cached) and the refresh record proceed together.
      Promise.all([signJwt(svc, pool.id, 'access', accessClaims), signJwt(svc, pool.id, 'id', idClaims(idExtra))]);
  const refresh = input.withRefreshToken
    ? mintRefreshToken(svc, {
        poolId: pool.id,
        clientId: client.id,
        usernameKey: user.usernameKey,
        originJti,
        authTimeMs: authTime * 1000,
        deviceKey: input.deviceKey,
        expiresAt: nowMs + validity.refreshSeconds * 1000,
        createdAt: nowMs,
        scopes: input.oauth ? input.scopes : undefined,
      })
    : undefined;
  const [[AccessToken, IdToken], RefreshToken] = await Promise.all([signing, refresh]);
  const result: AuthenticationResult = { AccessToken, ExpiresIn: validity.accessSeconds, TokenType: 'Bearer', IdToken };
  if (RefreshToken !== undefined) result.RefreshToken = RefreshToken;
  return result;
}

/** OIDC at_hash: the left half of SHA-256 of the access token, base64url. */
export function atHash(accessToken: string): string {
  const digest = sha256(accessToken);
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/**
 * A client-credentials (machine-to-machine) access token: `sub` is the client id, no user claims, the granted
 * scopes, no refresh token.
 */
export async function issueClientCredentialsToken(
  svc: Services,
  input: { pool: UserPool; client: PoolClient; scopes: readonly string[] },
): Promise<{ AccessToken: string; ExpiresIn: number; TokenType: 'Bearer' }> {
  const nowMs = svc.clock.now();
  const iat = Math.floor(nowMs / 1000);
  const { accessSeconds } = clientValidity(input.client);
  const claims = {
    sub: input.client.id,
    token_use: 'access',
    scope: input.scopes.join(' '),
    auth_time: iat,
    iss: issuerFor(svc, input.pool.id),
    exp: iat + accessSeconds,
    iat,
    version: 2,
    jti: newJti(nowMs),
    client_id: input.client.id,
  };
  return { AccessToken: await signJwt(svc, input.pool.id, 'access', claims), ExpiresIn: accessSeconds, TokenType: 'Bearer' };
}

