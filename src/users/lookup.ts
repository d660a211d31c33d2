/**
 * Finding users for the rest of the domain. (Owned by the users work.)
 */
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';

/** Resolves a username, or an alias (verified email/phone, preferred_username) as the pool allows. */
export async function findUser(_svc: Services, _pool: UserPool, _usernameOrAlias: string): Promise<UserRecord | undefined> {
  return undefined;
}

export interface UserGroup { name: string; roleArn?: string; precedence?: number }

/** The user's groups, best precedence first. */
export async function groupsOfUser(_svc: Services, _poolId: string, _usernameKey: string): Promise<UserGroup[]> {
  return [];
}
