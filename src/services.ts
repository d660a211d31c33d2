/**
 * The service container handed to every handler and domain module: configuration, the store, the secret box,
 * the clock and the logger. Domain modules that need per-process caches keep them in a WeakMap keyed by the
 * Services object, so several servers can live in one process (tests) without sharing state by accident.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config/schema.js';
import type { Store } from './store/db.js';
import type { Database } from './store/tables.js';
import type { SecretBox } from './crypto/secret-box.js';

export interface Clock { now(): number }

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly db: Kysely<Database>;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly log: Logger;
  /** Regions accepted in SigV4 scopes and identifiers: the configured region first. */
  readonly regions: readonly string[];
}

export const systemClock: Clock = { now: () => Date.now() };

/** A per-Services singleton, created on first use. */
export function perServices<T>(create: (svc: Services) => T): (svc: Services) => T {
  const cache = new WeakMap<Services, T>();
  return (svc) => {
    let v = cache.get(svc);
    if (v === undefined) {
      v = create(svc);
      cache.set(svc, v);
    }
    return v;
  };
}
