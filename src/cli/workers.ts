/**
 * `cognate start --workers N`: one machine, all its cores. The primary process prepares the database once
 * (migrations, master-key check, first admin key, declared pools) and then forks N workers with node:cluster;
 * each worker runs an ordinary node (startServer) on the shared listening port, which the primary hands out
 * round-robin. Nodes share nothing but the database, exactly as separate machines would.
 *
 * The primary never serves requests and never migrates while workers run. SIGTERM/SIGINT on the primary stops
 * every worker gracefully (each finishes its in-flight requests) before the primary exits; a worker that dies on
 * its own is replaced, unless workers keep dying right after start (then the primary gives up and exits 1).
 * Known limit of node:cluster round-robin: a connection handed to a worker in the instant it dies is lost, and
 * its client sees a timeout; clients and load balancers retry those.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../config/schema.js';
import { bootstrap } from '../bootstrap.js';
import { applyDeclaredSetup } from '../user-pools/declarative.js';
import { applyDeclaredIam } from '../iam-admin/declarative.js';
import { startServer } from '../server/start.js';

type FromWorker = { type: 'listening'; url: string } | { type: 'failed'; message: string };

const RESTART_WINDOW_MS = 10_000;
const MAX_RESTARTS_IN_WINDOW = 5;

/** Parses `--workers`: a positive count, or 0/'auto' for one worker per CPU. */
export function workerCount(value: string | undefined): number {
  if (value === undefined || value === 'auto' || value === '0') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`--workers must be a whole number from 1 to 256 or 'auto', not '${value}'`);
  return n;
}

/** Runs the current process as the cluster primary (in the primary) or as one worker (in a forked worker). */
export async function startClustered(cfg: Config, workers: number): Promise<void> {
  if (cluster.isWorker) return runWorker(cfg);
  return runPrimary(cfg, workers);
}

async function runPrimary(cfg: Config, n: number): Promise<void> {
  // Prepare the database once, so that workers never race on migrations or on creating the first admin key.
  const { svc, newAdminKey } = await bootstrap(cfg);
  try {
    await applyDeclaredSetup(svc, cfg.userPools);
    await applyDeclaredIam(svc, cfg.iam);
  } finally {
    await svc.store.close();
  }

  let stopping = false;
  let announced = false;
  const listening = new Set<number>();
  const restarts: number[] = [];
  let url = '';

  const fork = (): Worker => {
    const w = cluster.fork({ COGNATE_CLUSTER_WORKER: '1' });
    w.on('message', (m: FromWorker) => {
      if (m?.type === 'failed') {
        svc.log.error({ worker: w.id, error: m.message }, 'worker failed to start');
        if (!announced) {
          process.stderr.write(`cognate: worker failed to start: ${m.message}\n`);
          shutdown(1);
        }
      } else if (m?.type === 'listening') {
        listening.add(w.id);
        url = m.url;
        if (!announced && listening.size >= n) {
          announced = true;
          svc.log.info({ url, workers: n, database: svc.store.where, mode: cfg.mode, region: cfg.region }, 'cognate listening');
          process.stdout.write(`Cognate is listening on ${url} (database: ${svc.store.where}, mode: ${cfg.mode}, workers: ${n})\n`);
          if (newAdminKey) {
            process.stdout.write(
              `\nAn admin access key was created. It is shown only this once; store it now:\n\n` +
                `  AWS_ACCESS_KEY_ID=${newAdminKey.accessKeyId}\n  AWS_SECRET_ACCESS_KEY=${newAdminKey.secretAccessKey}\n\n` +
                `Use it with the AWS SDK or CLI and --endpoint-url ${url}; manage keys with 'cognate keys'.\n`,
            );
          }
        }
      }
    });
    return w;
  };

  cluster.on('exit', (w, code, signal) => {
    listening.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    svc.log.error({ worker: w.id, code, signal }, 'worker exited; starting a replacement');
    if (restarts.length > MAX_RESTARTS_IN_WINDOW) {
      process.stderr.write(`cognate: workers keep exiting (${restarts.length} in ${RESTART_WINDOW_MS / 1000} s); stopping\n`);
      shutdown(1);
      return;
    }
    fork();
  });

  let exitCode = 0;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    svc.log.info({ workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down: stopping workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (alive.length === 0) process.exit(code);
    for (const w of alive) w.process.kill('SIGTERM');
    // A worker stuck in shutdown must not keep the primary alive forever.
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(code || 1);
    }, cfg.requestTimeoutMs + 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));

  for (let i = 0; i < n; i++) fork();
}

async function runWorker(cfg: Config): Promise<void> {
  const send = (m: FromWorker) => process.send?.(m);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // The primary already migrated and applied the declared setup.
    server = await startServer({ ...cfg, userPools: [], iam: undefined }, { skipMigrations: true });
  } catch (e) {
    send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  }
  send({ type: 'listening', url: server.url });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e) => {
        server.svc.log.error({ err: e }, 'error during worker shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  // Ctrl-C reaches the whole process group; the primary decides when workers stop.
  process.on('SIGINT', () => undefined);
  // If the primary dies, the IPC channel closes: stop rather than serve unsupervised.
  process.on('disconnect', stop);
}
