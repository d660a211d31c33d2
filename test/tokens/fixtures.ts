/**
 * Records for token tests that do not need the control plane: a pool, a client and a user row written
 * straight into the store (the users table is the one real dependency of token checks).
 */
import { randomUUID } from 'node:crypto';
import type { Services } from '../../src/services.js';
import type { PoolClient, UserPool, UserRecord } from '../../src/user-pools/types.js';

let n = 0;

export function makePool(region = 'us-east-1'): UserPool {
  const srpName = `Tok${Date.now().toString(36)}${n++}`;
  const id = `${region}_${srpName}`;
  return { id, srpName, region, config: { Id: id, Name: 'tokens', Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${id}` } };
}

export function makeClient(pool: UserPool, config: Record<string, unknown> = {}, secret?: string): PoolClient {
  const id = `client${Date.now().toString(36)}${n++}`;
  return { id, poolId: pool.id, ...(secret ? { secret } : {}), config: { ClientId: id, UserPoolId: pool.id, ClientName: 'app', ...config } };
}

export async function insertUser(
  svc: Services, pool: UserPool, username: string, attributes: Record<string, string> = {}, enabled = true, key = username,
): Promise<UserRecord> {
  const now = svc.clock.now();
  const sub = randomUUID();
  await svc.db
    .insertInto('users')
    .values({
      pool_id: pool.id,
      username_key: key,
      username,
      sub,
      status: 'CONFIRMED',
      enabled: enabled ? 1 : 0,
      attributes: JSON.stringify(attributes),
      password_hash: null,
      srp_enc: null,
      password_updated_at: null,
      temp_password_expires_at: null,
      tokens_valid_after: 0,
      mfa: '{}',
      email: attributes.email ?? null,
      phone_number: attributes.phone_number ?? null,
      name: null,
      given_name: null,
      family_name: null,
      preferred_username: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return {
    poolId: pool.id,
    usernameKey: key,
    username,
    sub,
    status: 'CONFIRMED',
    enabled,
    attributes,
    passwordHash: null,
    srpSealed: null,
    passwordUpdatedAt: null,
    tempPasswordExpiresAt: null,
    tokensValidAfter: 0,
    mfa: {},
    createdAt: now,
    updatedAt: now,
  };
}

export async function insertGroup(svc: Services, pool: UserPool, name: string, username: string, roleArn?: string, precedence?: number) {
  const now = svc.clock.now();
  await svc.db
    .insertInto('groups')
    .values({ pool_id: pool.id, name, description: null, role_arn: roleArn ?? null, precedence: precedence ?? null, created_at: now, updated_at: now })
    .execute();
  await svc.db.insertInto('group_members').values({ pool_id: pool.id, group_name: name, username_key: username, created_at: now }).execute();
}

/** The JSON payload of a JWT, unverified (tests compare claim sets). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
export function headerOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Writes the pool's row so getPool finds it (the control plane's table, filled directly for domain tests). */
export async function insertPool(svc: Services, pool: UserPool): Promise<UserPool> {
  const now = svc.clock.now();
  await svc.db
    .insertInto('user_pools')
    .values({ id: pool.id, name: pool.config.Name, config: JSON.stringify(pool.config), tags: '{}', created_at: now, updated_at: now })
    .execute();
  return pool;
}
