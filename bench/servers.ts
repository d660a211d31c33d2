/**
 * Starts the systems under test as child processes, the way an operator would: the built `cognate` CLI (SQLite
 * in a temp dir, or PostgreSQL in a throw-away database, optionally with --workers N) and the npm package
 * cognito-local (its data in a temp dir). Measures their memory from /proc, summed over a cluster's processes.
 * It must leave nothing behind: temp dirs and bench databases are removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN = { accessKeyId: 'AKIABENCHADMIN000001', secretAccessKey: 'bench-admin-secret-access-key-000000001' };
export const PG_ADMIN_URL = process.env.COGNATE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Running {
  name: string;
  url: string;
  pid: number;
  /** Date.now() when the process was spawned (to line profiles up with the load). */
  spawnedAt: number;
  /** Resident memory in bytes of the server's processes (primary + workers) right now. */
  rss(): number;
  /** The kernel's high-water mark of resident memory, summed over the processes alive now. */
  hwm(): number;
  /** CPU time (user + system) in milliseconds used so far by the server's processes alive now. */
  cpuMs(): number;
  stop(): Promise<void>;
}

function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** utime + stime of one process, in milliseconds (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

const tree = (pid: number) => [pid, ...childrenOf(pid)];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export function stopChild(child: ChildProcess, ms = 15_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Spawns `node <args>` (the built `cognate start`) and resolves with the URL it logs once it listens; its output is
 * drained afterwards so a chatty log level cannot block the server on a full pipe.
 */
export async function spawnCognate(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cognate did not start in ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`cognate exited ${code}:\n${out}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, url };
}

function measure(name: string, url: string, child: ChildProcess, spawnedAt: number, cleanup: () => Promise<void>): Running {
  const pid = child.pid!;
  return {
    name,
    url,
    pid,
    spawnedAt,
    rss: () => tree(pid).reduce((a, p) => a + procKb(p, 'VmRSS'), 0),
    hwm: () => tree(pid).reduce((a, p) => a + procKb(p, 'VmHWM'), 0),
    cpuMs: () => tree(pid).reduce((a, p) => a + procCpuMs(p), 0),
    stop: async () => {
      await stopChild(child);
      await cleanup();
    },
  };
}

export type Dialect = 'sqlite' | 'postgres';

export async function startCognate(o: { dialect: Dialect; workers?: number; logLevel?: string; cpuProfDir?: string }): Promise<Running> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognate-bench-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    COGNATE_DATA_DIR: dataDir,
    COGNATE_PORT: String(await freePort()),
    COGNATE_LOG_LEVEL: o.logLevel ?? 'warn',
    COGNATE_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId,
    COGNATE_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
    COGNATE_DATABASE_URL: '',
  };
  let dropDb = async () => undefined as void;
  if (o.dialect === 'postgres') {
    const db = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${db}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${db}`;
    env.COGNATE_DATABASE_URL = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    };
  }
  const prof = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [];
  const args = [...prof, path.join(ROOT, 'dist/cli/main.js'), 'start', ...(o.workers ? ['--workers', String(o.workers)] : [])];
  const spawnedAt = Date.now();
  const { child, url } = await spawnCognate(args, env, 60_000);
  const name = `Cognate ${o.dialect}${o.workers ? ` --workers ${o.workers}` : ''}`;
  return measure(name, url, child, spawnedAt, async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb();
  });
}

export async function startCognitoLocal(): Promise<Running> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cognito-local-bench-'));
  const port = await freePort();
  mkdirSync(path.join(dir, '.cognito'), { recursive: true });
  writeFileSync(path.join(dir, '.cognito', 'config.json'), JSON.stringify({
      ServerConfig: { hostname: '127.0.0.1', port },
      TokenConfig: { IssuerDomain: `http://127.0.0.1:${port}` },
      // Its default makes every pool email-username only; Cognito's default (and the bench's users) are plain usernames.
      UserPoolDefaults: { UsernameAttributes: [] },
    }));
  const bin = path.join(ROOT, 'node_modules/cognito-local/lib/bin/start.js');
  // Its request log goes to /dev/null; it has no switch to turn it off.
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [bin], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'ignore'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error('cognito-local did not start in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return measure('cognito-local', url, child, spawnedAt, async () => rmSync(dir, { recursive: true, force: true }));
}
