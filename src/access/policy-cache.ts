/**
 * A short-lived per-node cache of parsed policies per principal (user, role, session), so enforcing a signed
 * request costs no policy query or JSON parse on the hot path. IAM writes on this node clear it at once; other
 * nodes see a change within CACHE_MS. Holds only policies, never secrets.
 */
import { parsePolicy, type Policy } from '../iam/index.js';
import { perServices, type Services } from '../services.js';

export const CACHE_MS = 5_000;
const cacheOf = perServices(() => new Map<string, { value: readonly Policy[]; until: number }>());

export async function cachedPolicies(svc: Services, key: string, load: () => Promise<readonly string[]>): Promise<readonly Policy[]> {
  const cache = cacheOf(svc);
  const now = svc.clock.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = (await load()).map((d) => parsePolicy(d));
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { value, until: now + CACHE_MS });
  return value;
}

/** Called after any IAM write on this node. */
export function forgetPolicies(svc: Services): void {
  cacheOf(svc).clear();
}
