/**
 * The common start of every public (ClientId-authorized) user operation: resolve the app client and its pool,
 * check SECRET_HASH, and know whether PreventUserExistenceErrors hides unknown users.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';
import { getClient, getPool } from '../user-pools/pools.js';
import { checkSecretHash } from './secret-hash.js';
import { enforceUserLimit } from './limits.js';
import { usernameKey } from './records.js';
import { userLimitsRepo } from '../store/user-limits-repo.js';
import { attemptLimit, codeMismatch, CODE_TTL_MS, MAX_CODE_ATTEMPTS } from '../messages/codes.js';

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

/**
 * An unknown user's code-sending call with existence errors hidden: counted like a known user's (so the hourly
 * limit answers alike), then the caller returns fake delivery details.
 */
export async function unknownUserSend(svc: Services, pool: UserPool, name: string, action: 'resendConfirmationCode' | 'forgotPassword'): Promise<void> {
  await enforceUserLimit(svc, action, pool.id, `?${usernameKey(pool, name)}`);
}

/**
 * An unknown user's code-confirming call with existence errors hidden: CodeMismatchException, and after as many
 * tries as kill a real code, the same LimitExceededException a known user would get.
 */
export async function unknownUserConfirm(svc: Services, pool: UserPool, name: string, purpose: 'signup' | 'reset'): Promise<never> {
  const n = await userLimitsRepo.hit(svc.db, `code?:${purpose}:${pool.id}:${usernameKey(pool, name)}`, svc.clock.now(), CODE_TTL_MS[purpose]);
  throw n > MAX_CODE_ATTEMPTS ? attemptLimit() : codeMismatch();
}
