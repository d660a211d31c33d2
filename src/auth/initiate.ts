/**
 * InitiateAuth / AdminInitiateAuth: resolves the client (and for the admin API checks it belongs to the
 * pool), enforces ExplicitAuthFlows, and hands the AuthParameters to the flow. Flows decide everything else.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { refreshTokenUsername, refreshWithToken } from '../tokens/refresh.js';
import { getClient, getPool } from '../user-pools/pools.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';
import { assertSecretHash } from './client-secret.js';
import { type AuthContext, type AuthResponse, type Params, required } from './context.js';
import { type AuthFlow, assertFlowAllowed } from './flows.js';
import { passwordAuth } from './password-auth.js';
import { startSrp } from './srp-auth.js';
import { startCustomAuth } from './custom-auth.js';

export interface InitiateRequest {
  readonly api: 'public' | 'admin';
  readonly authFlow: AuthFlow;
  readonly clientId: string;
  /** Required for the admin API. */
  readonly userPoolId?: string;
  readonly params: Params;
  readonly sourceIp?: string;
  readonly clientMetadata?: Record<string, string>;
}

/** The app client and its pool; with a UserPoolId (admin APIs) the client must belong to that pool. */
export async function resolveClient(svc: Services, clientId: string, userPoolId?: string): Promise<{ client: PoolClient; pool: UserPool }> {
  if (userPoolId !== undefined) {
    const pool = await getPool(svc, userPoolId);
    const client = await getClient(svc, clientId);
    if (client.poolId !== pool.id) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
    return { client, pool };
  }
  const client = await getClient(svc, clientId);
  return { client, pool: await getPool(svc, client.poolId) };
}

export async function initiateAuth(svc: Services, req: InitiateRequest): Promise<AuthResponse> {
  const { client, pool } = await resolveClient(svc, req.clientId, req.userPoolId);
  const ctx: AuthContext = { svc, pool, client, api: req.api, sourceIp: req.sourceIp, clientMetadata: req.clientMetadata };
  assertFlowAllowed(client, req.authFlow, req.api);
  const p = req.params;
  switch (req.authFlow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordAuth(ctx, req.authFlow, p);
    case 'USER_SRP_AUTH':
      return startSrp(ctx, req.authFlow, p);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      const refreshToken = required(p, 'REFRESH_TOKEN');
      if (client.secret) {
        // Cognito computes this SECRET_HASH over the token's canonical username, whatever USERNAME says.
        const owner = await refreshTokenUsername(svc, client, refreshToken);
        await assertSecretHash(client, [owner ?? p.USERNAME], p.SECRET_HASH);
      }
      const AuthenticationResult = await refreshWithToken(svc, { client, refreshToken, deviceKey: p.DEVICE_KEY, flow: 'REFRESH_TOKEN_AUTH' });
      return { ChallengeParameters: {}, AuthenticationResult };
    }
    case 'CUSTOM_AUTH':
      return startCustomAuth(ctx, p);
    case 'USER_AUTH':
      throw errors.invalidParameter('USER_AUTH (choice-based sign-in) is not available on this server; use USER_SRP_AUTH or USER_PASSWORD_AUTH.');
  }
}
