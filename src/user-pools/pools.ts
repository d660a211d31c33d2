/**
 * Reading pools and app clients for the rest of the domain. (Owned by the control-plane work.)
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool } from './types.js';

/** The pool, or ResourceNotFoundException "User pool {id} does not exist.". */
export async function getPool(_svc: Services, poolId: string): Promise<UserPool> {
  throw errors.resourceNotFound(`User pool ${poolId} does not exist.`);
}

/** The app client (with its plain secret), or ResourceNotFoundException "User pool client {id} does not exist.". */
export async function getClient(_svc: Services, clientId: string): Promise<PoolClient> {
  throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
}
