/**
 * Starts a real Cognate server on a free loopback port for a test, on SQLite (a temp data dir) or PostgreSQL
 * (a fresh schema in database `test`, dropped afterwards), with a known admin key and a clock the test can move.
 * Tests talk to it only through real clients over the socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { loadConfig } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import type { Clock } from '../../src/services.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];
export const PG_URL = process.env.COGNATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const ADMIN = { accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'test-admin-secret-access-key-0000000001' };

/** A clock that follows real time plus an offset the test can advance. */
export class TestClock implements Clock {
  offset = 0;
  /** Set while frozen: time stands still except for `advance`, so a slow machine cannot expire a cache early. */
  private frozenAt: number | undefined;
  now = () => (this.frozenAt ?? Date.now()) + this.offset;
  advance(ms: number) {
    this.offset += ms;
  }
  freeze() {
    this.frozenAt = Date.now();
  }
  thaw() {
    if (this.frozenAt !== undefined) this.offset -= Date.now() - this.frozenAt;
    this.frozenAt = undefined;
  }
}

export interface TestServer extends RunningServer {
  dialect: TestDialect;
  clock: TestClock;
  dataDir: string;
  schema?: string;
  /** A CognitoIdentityProviderClient signed with the admin key. */
  idp: CognitoIdentityProviderClient;
  /** An unsigned-capable client with dummy credentials, for public operations. */
  publicIdp: CognitoIdentityProviderClient;
  /** Stops the server and removes its data (temp dir / PostgreSQL schema). */
  stop(): Promise<void>;
  /** Stops and starts the server on the same data (restart). */
  restart(): Promise<TestServer>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  overrides?: Record<string, unknown>;
  configFile?: string;
  /** Reuse data of an earlier server (restart). */
  dataDir?: string;
  schema?: string;
  masterKey?: string;
}

export function idpClient(url: string, creds = ADMIN, region = 'us-east-1') {
  return new CognitoIdentityProviderClient({ endpoint: url, region, credentials: creds, maxAttempts: 1 });
}

export async function startTestServer(dialect: TestDialect, opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cognate-test-'));
  const schema = dialect === 'postgres' ? (opts.schema ?? `t_${randomBytes(6).toString('hex')}`) : undefined;
  const masterKey = opts.masterKey ?? randomBytes(32).toString('base64');
  const config = loadConfig({
    env: {
      COGNATE_PORT: '0',
      COGNATE_DATA_DIR: dataDir,
      COGNATE_MASTER_KEY: masterKey,
      COGNATE_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId,
      COGNATE_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
      COGNATE_LOG_LEVEL: 'silent',
      ...(dialect === 'postgres' ? { COGNATE_DATABASE_URL: PG_URL } : {}),
      ...(opts.env ?? {}),
    },
    configFile: opts.configFile,
    overrides: opts.overrides,
  });
  const clock = new TestClock();
  const server = await startServer(config, { clock, schema, logger: pino({ level: process.env.COGNATE_TEST_LOG ?? 'silent' }) });
  const idp = idpClient(server.url);
  const publicIdp = idpClient(server.url, { accessKeyId: 'AKIANOTUSED000000000', secretAccessKey: 'not-used-for-public-operations' });
  const ts: TestServer = {
    ...server,
    dialect,
    clock,
    dataDir,
    schema,
    idp,
    publicIdp,
    async stop() {
      idp.destroy();
      publicIdp.destroy();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropSchema(schema);
    },
    async restart() {
      idp.destroy();
      publicIdp.destroy();
      await server.close();
      return startTestServer(dialect, { ...opts, dataDir, schema, masterKey });
    },
  };
  return ts;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await c.end();
  }
}
