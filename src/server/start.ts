/**
 * Starts one Cognate node: bootstrap the services, apply the declared setup from the config file, listen, and
 * shut down gracefully (stop accepting, finish in-flight requests, close the database) on request.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { bootstrap, type BootstrapOptions } from '../bootstrap.js';
import { buildApp } from './app.js';
import { tlsMaterial } from './tls.js';
import { applyDeclaredSetup } from '../user-pools/declarative.js';
import { applyDeclaredIam } from '../iam-admin/declarative.js';
import type { CreatedKey } from '../operators/access-keys.js';
import type { Services } from '../services.js';
import { closeTriggerRuntime } from '../triggers/runtime.js';

export interface RunningServer {
  svc: Services;
  app: FastifyInstance;
  url: string;
  /** The hosted UI's TLS listener, when tlsPort is configured. */
  tlsUrl?: string;
  newAdminKey?: CreatedKey;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: BootstrapOptions = {}): Promise<RunningServer> {
  const { svc, newAdminKey } = await bootstrap(config, opts);
  let app: FastifyInstance | undefined;
  let tlsApp: FastifyInstance | undefined;
  try {
    await applyDeclaredSetup(svc, config.userPools);
    await applyDeclaredIam(svc, config.iam);
    app = await buildApp(svc);
    await app.listen({ host: config.host, port: config.port });
    if (config.tlsPort !== undefined) {
      tlsApp = await buildApp(svc, { https: await tlsMaterial(config, svc) });
      await tlsApp.listen({ host: config.host, port: config.tlsPort });
    }
  } catch (e) {
    await app?.close().catch(() => undefined);
    await tlsApp?.close().catch(() => undefined);
    await svc.store.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  if (config.publicUrlDerived) config.publicUrl = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    svc,
    app,
    url: `http://${host}:${port}`,
    tlsUrl: tlsApp ? `https://${host}:${(tlsApp.server.address() as { port: number }).port}` : undefined,
    newAdminKey,
    close: () =>
      (closing ??= (async () => {
        await app!.close();
        await tlsApp?.close();
        await closeTriggerRuntime(svc);
        await svc.store.close();
      })()),
  };
}
