/**
 * Zod pieces shared by the user-operation handlers, following the Cognito model's member constraints, and the
 * access-token step of the self-service operations.
 */
import { z } from 'zod';
import type { Services } from '../services.js';
import type { PoolClient } from '../user-pools/types.js';
import { getClient } from '../user-pools/pools.js';
import { authenticateAccessToken } from '../tokens/access-token.js';

export const poolId = z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+');
export const clientId = z.string().min(1).max(128).regex(/^[\w+]+$/, 'Member must satisfy regular expression pattern: [\\w+]+');
export const username = z.string().min(1).max(128);
export const secretHash = z.string().min(1).max(128).optional();
export const password = z.string().min(1).max(256);
export const code = z.string().min(1).max(2048).regex(/^\S+$/, 'Member must satisfy regular expression pattern: [\\S]+');
export const accessToken = z.string().min(1);
export const attributeList = z.array(z.object({ Name: z.string().min(1).max(32), Value: z.string().max(2048).optional() })).max(100);
export const clientMetadata = z.record(z.string()).optional();
export const loose = z.object({}).passthrough().optional();
export const limit = z.number().int().min(0).max(60).optional();
export const groupName = z.string().min(1).max(128);

/** The access-token caller and (when it still exists) its app client for Read/WriteAttributes. */
export async function tokenCaller(svc: Services, token: string) {
  const a = await authenticateAccessToken(svc, token);
  const client: PoolClient | undefined = await getClient(svc, a.clientId).catch(() => undefined);
  return { ...a, client };
}
