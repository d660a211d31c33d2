/**
 * A process-wide counter of writes to pool and client configuration (user_pools, pool_clients). The
 * per-node configuration cache (src/user-pools/pools.ts) drops what it holds whenever the counter moves, so a
 * change made through this node is seen by its very next request; other nodes see it when their short TTL
 * runs out. The counter moves both before a write starts and after it finished, so a read that overlapped a
 * write is never cached. It says nothing about which pool changed: a write is rare, a re-read is cheap.
 */
let version = 0;

export const configVersion = (): number => version;

/** Runs a configuration write, marking the cache stale before and after it. */
export async function configWrite<T>(write: () => Promise<T>): Promise<T> {
  version++;
  try {
    return await write();
  } finally {
    version++;
  }
}
