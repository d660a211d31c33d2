/**
 * SECRET_HASH enforcement for sign-in calls. Cognito computes the hash over the USERNAME the caller sent (an
 * alias is fine); in challenge responses clients send either what they typed or USER_ID_FOR_SRP, so any of the
 * names that identify the session's user is accepted. The check itself lives in src/users/secret-hash.ts.
 */
import { checkSecretHash } from '../users/secret-hash.js';
import type { PoolClient } from '../user-pools/types.js';

export async function assertSecretHash(client: PoolClient, usernames: readonly (string | undefined)[], given: string | undefined): Promise<void> {
  const names = [...new Set(usernames.filter((u): u is string => typeof u === 'string' && u.length > 0))];
  let first: unknown;
  for (const name of names.length ? names : ['']) {
    try {
      await checkSecretHash(client, name, given);
      return;
    } catch (e) {
      first ??= e;
    }
  }
  throw first;
}
