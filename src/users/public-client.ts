/**
 * The common start of every public (ClientId-authorized) user operation: resolve the app client and its pool,
 * check SECRET_HASH, and know whether PreventUserExistenceErrors hides unknown users.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';
import { getClient, getPool } from '../user-pools/pools.js';
import { checkSecretHash } from './secret-hash.js';

export interface PublicContext {
  client: PoolClient;
  pool: UserPool;
  /** PreventUserExistenceErrors ENABLED on the client. */
  hideUsers: boolean;
}

export async function publicContext(svc: Services, clientId: string, username: string, secretHash: string | undefined): Promise<PublicContext> {
  const client = await getClient(svc, clientId);
  const pool = await getPool(svc, client.poolId);
  checkSecretHash(client, username, secretHash);
  return { client, pool, hideUsers: client.config.PreventUserExistenceErrors === 'ENABLED' };
}

/** What an unknown user gets when existence errors are not prevented. */
export const unknownUser = () => errors.userNotFound('Username/client id combination not found.');
