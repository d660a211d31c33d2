/**
 * Builds the Services for a configuration: opens and migrates the store, loads the master key and checks it
 * matches the one the database was created with, and makes sure an operator key exists (the configured
 * bootstrap key, or a fresh one on first start, returned so the CLI can print it once).
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config/schema.js';
import { openStore, migrate, type Store } from './store/db.js';
import { metaRepo, accessKeysRepo } from './store/access-keys.js';
import { SecretBox, loadMasterKey } from './crypto/secret-box.js';
import { createAccessKey, type CreatedKey } from './operators/access-keys.js';
import { systemClock, type Clock, type Services } from './services.js';

export interface BootstrapOptions {
  clock?: Clock;
  logger?: Logger;
  /** PostgreSQL schema (tests). */
  schema?: string;
  /** Skip migrations (cluster workers: the primary already ran them, and workers must not race on them). */
  skipMigrations?: boolean;
}

export interface Bootstrapped { svc: Services; newAdminKey?: CreatedKey }

export async function bootstrap(config: Config, opts: BootstrapOptions = {}): Promise<Bootstrapped> {
  const log = opts.logger ?? pino({ level: config.logLevel, base: { service: 'cognate' } });
  const box = new SecretBox(loadMasterKey(config.masterKey, config.dataDir));
  const store: Store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: opts.schema });
  try {
    if (!opts.skipMigrations) await migrate(store, opts.schema);
    const stored = await metaRepo.setOnce(store.db, 'master_key_fingerprint', box.fingerprint);
    if (stored !== box.fingerprint) {
      throw new Error(
        'the master key does not match the one this database was created with; set COGNATE_MASTER_KEY (or restore master.key in the data dir) to the original key',
      );
    }
  } catch (e) {
    await store.close();
    throw e;
  }
  const regions = [config.region, ...config.extraRegions.filter((r) => r !== config.region)];
  const svc: Services = { config, store, db: store.db, box, clock: opts.clock ?? systemClock, log, regions };
  let newAdminKey: CreatedKey | undefined;
  if (config.adminAccessKeyId && config.adminSecretAccessKey) {
    await createAccessKey(svc, 'bootstrap admin key (COGNATE_ADMIN_ACCESS_KEY_ID)', {
      accessKeyId: config.adminAccessKeyId,
      secretAccessKey: config.adminSecretAccessKey,
    });
  } else if ((await accessKeysRepo.list(store.db)).length === 0) {
    const k = await createAccessKey(svc, 'admin key created on first start');
    newAdminKey = { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
  }
  return { svc, newAdminKey };
}
