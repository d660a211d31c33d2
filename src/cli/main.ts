#!/usr/bin/env node
/**
 * The `cognate` command line: start a node, run migrations, manage operator access keys.
 * Each command loads the same configuration (file via --config/COGNATE_CONFIG, then environment).
 */
import { Command } from 'commander';
import { loadConfig, ConfigError } from '../config/load.js';
import { bootstrap } from '../bootstrap.js';
import { startServer } from '../server/start.js';
import { createAccessKey, listAccessKeys, deleteAccessKey } from '../operators/access-keys.js';
import { openStore, migrate } from '../store/db.js';
import type { Config } from '../config/schema.js';
import { registerSigningKeyCommands } from './signing-keys.js';
import cluster from 'node:cluster';
import { startClustered, workerCount } from './workers.js';
import { registerOutboxCommand } from './outbox.js';
import { registerPolicyCommand } from './policy.js';
import { registerUsersCommands } from './users-import.js';

const program = new Command();
program
  .name('cognate')
  .description('Cognate: a self-hosted identity server that speaks Amazon Cognito\'s APIs.')
  .option('-c, --config <file>', 'configuration file (YAML or JSON); also COGNATE_CONFIG')
  .showHelpAfterError();

function config(): Config {
  return loadConfig({ configFile: program.opts().config });
}

function fail(e: unknown): never {
  const msg = e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e);
  process.stderr.write(`cognate: ${msg}\n`);
  process.exit(1);
}

program
  .command('start')
  .description('start a Cognate node (HTTP API, JWKS, health and metrics)')
  .option('-p, --port <port>', 'port to listen on (COGNATE_PORT)')
  .option('--host <host>', 'address to bind (COGNATE_HOST)')
  .option('-w, --workers <n>', "run N worker processes on the shared port (node:cluster); 'auto' = one per CPU")
  .action(async (o: { port?: string; host?: string; workers?: string }) => {
    try {
      const overrides: Record<string, unknown> = {};
      if (o.port !== undefined) overrides.port = o.port;
      if (o.host !== undefined) overrides.host = o.host;
      const cfg = loadConfig({ configFile: program.opts().config, overrides });
      if (o.workers !== undefined || cluster.isWorker) return await startClustered(cfg, cluster.isWorker ? 1 : workerCount(o.workers));
      const server = await startServer(cfg);
      const { svc } = server;
      svc.log.info({ url: server.url, database: svc.store.where, mode: cfg.mode, region: cfg.region }, 'cognate listening');
      process.stdout.write(`Cognate is listening on ${server.url} (database: ${svc.store.where}, mode: ${cfg.mode})\n`);
      if (server.newAdminKey) {
        process.stdout.write(
          `\nAn admin access key was created. It is shown only this once; store it now:\n\n` +
            `  AWS_ACCESS_KEY_ID=${server.newAdminKey.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${server.newAdminKey.secretAccessKey}\n\n` +
            `Use it with the AWS SDK or CLI and --endpoint-url ${server.url}; manage keys with 'cognate keys'.\n`,
        );
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        svc.log.info({ signal }, 'shutting down: finishing in-flight requests');
        server.close().then(
          () => process.exit(0),
          (e) => {
            svc.log.error({ err: e }, 'error during shutdown');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    } catch (e) {
      fail(e);
    }
  });

program
  .command('migrate')
  .description('bring the database schema up to date and exit')
  .action(async () => {
    try {
      const cfg = config();
      const store = openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      try {
        const applied = await migrate(store);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the schema is up to date\n');
      } finally {
        await store.close();
      }
    } catch (e) {
      fail(e);
    }
  });

const keys = program.command('keys').description('manage operator access keys (SigV4 credentials for admin calls)');
keys
  .command('create')
  .description('create an access key and print it once')
  .option('-d, --description <text>', 'what the key is for', '')
  .action(async (o: { description: string }) => {
    try {
      const { svc } = await bootstrap(config(), { logger: undefined });
      const k = await createAccessKey(svc, o.description);
      process.stdout.write(`AWS_ACCESS_KEY_ID=${k.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${k.secretAccessKey}\n`);
      await svc.store.close();
    } catch (e) {
      fail(e);
    }
  });
keys
  .command('list')
  .description('list access keys (never their secrets)')
  .action(async () => {
    try {
      const { svc } = await bootstrap(config());
      for (const k of await listAccessKeys(svc)) process.stdout.write(`${k.accessKeyId}\t${k.status}\t${k.createdAt}\t${k.description}\n`);
      await svc.store.close();
    } catch (e) {
      fail(e);
    }
  });
keys
  .command('delete <accessKeyId>')
  .description('delete an access key; calls signed with it are refused at once')
  .action(async (id: string) => {
    try {
      const { svc } = await bootstrap(config());
      const deleted = await deleteAccessKey(svc, id);
      await svc.store.close();
      if (!deleted) fail(`no access key ${id}; 'cognate keys list' shows the keys`);
      process.stdout.write(`deleted ${id}\n`);
    } catch (e) {
      fail(e);
    }
  });

registerSigningKeyCommands(keys, config, fail);

registerOutboxCommand(program, config);

registerPolicyCommand(program);

registerUsersCommands(program, config, fail);

program.parseAsync(process.argv).catch(fail);
