/**
 * SECRET_HASH for app clients with a secret: Base64(HMAC-SHA256(secret, username + clientId)), compared in
 * constant time. Shared by the public user operations and the sign-in flows; it must never log the secret
 * or the expected hash.
 */
import { createHmac } from 'node:crypto';
import { errors } from '../errors.js';
import { safeEqual } from '../crypto/random.js';
import type { PoolClient } from '../user-pools/types.js';

export function computeSecretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

/** Throws NotAuthorizedException (Cognito's messages) unless a client without secret, or a matching hash. */
export function checkSecretHash(client: PoolClient, username: string, given: string | undefined | null): void {
  if (!client.secret) return;
  if (given === undefined || given === null || given === '') {
    throw errors.notAuthorized(`Client ${client.id} is configured for secret but secret was not received`);
  }
  if (!safeEqual(computeSecretHash(client.secret, username, client.id), given)) {
    throw errors.notAuthorized(`Unable to verify secret hash for client ${client.id}`);
  }
}
