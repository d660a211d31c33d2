/**
 * `npm run bench:scale`: does Cognate stay as fast with a million users as with a thousand? For each database
 * (SQLite, PostgreSQL) it starts the built `cognate` as an operator would, creates a small and a large pool,
 * fills both through `cognate users import` (the CSV path a migrating customer uses; import time, rate and CPU
 * are reported), gives a spread-out sample of users a password, then drives sign-in (USER_PASSWORD_AUTH),
 * GetUser and ListUsers with `^=` prefix filters over keep-alive HTTP with the AWS SDK at both sizes and reports
 * p50/p99/throughput and the large/small ratio. It then replays one of each operation on an in-process node
 * whose SQL is captured, and prints EXPLAIN for every statement on the large pool's data, so "every hot lookup
 * is an index seek" is shown, not claimed. Database bytes per user close the report.
 *
 *     flock /work/team/bench.lock npm run bench:scale                       # 10^3 and 10^6, both databases
 *     npm run bench:scale -- --users 1000 --small 100 --dialect sqlite      # smoke run (~1 min)
 *
 * It asserts nothing and leaves nothing behind (temp dirs and its PostgreSQL database are removed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import {
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { writeUsersCsv } from './gen-users-csv.js';
import { freePort, PG_ADMIN_URL, ROOT, spawnCognate, stopChild, type Dialect } from './servers.js';
import { capturedStatements, explainAll, startCapture, type PlanReport } from './scale-plans.js';

const ADMIN = { accessKeyId: 'AKIASCALEBENCH000001', secretAccessKey: 'scale-bench-admin-secret-access-key-0001' };
const PASSWORD = 'Scale-bench-password-1';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const LARGE = Number(arg('--users', '1000000'));
const SMALL = Number(arg('--small', '1000'));
const DIALECTS = (arg('--dialect', 'sqlite,postgres').split(',') as Dialect[]).filter((d) => d === 'sqlite' || d === 'postgres');
const CONCURRENCY = Number(arg('--concurrency', '2'));
const SAMPLE = Number(arg('--sample', '64'));
const SIGNINS = Number(arg('--signins', '300'));
const READS = Number(arg('--reads', '2000'));
const LISTS = Number(arg('--lists', '400'));
const OUT = arg('--out', '');
/** Each workload runs in this many alternating small/large slices. */
const ROUNDS = Math.max(1, Number(arg('--rounds', '5')));
const IMPORT_ONLY = process.argv.includes('--import-only');
/** Write a V8 CPU profile of each `cognate users import` run into this directory (`--cpu-prof`). */
const IMPORT_PROF = arg('--import-prof', '');

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const log = (s: string) => process.stderr.write(`[scale ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

interface Env {
  dialect: Dialect;
  dataDir: string;
  env: Record<string, string>;
  dbName?: string;
  dbUrl?: string;
  cleanup(): Promise<void>;
}

async function makeEnv(dialect: Dialect): Promise<Env> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cognate-scale-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    COGNATE_DATA_DIR: dataDir,
    COGNATE_MASTER_KEY: randomBytes(32).toString('base64'),
    COGNATE_ADMIN_ACCESS_KEY_ID: ADMIN.accessKeyId,
    COGNATE_ADMIN_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
    COGNATE_LOG_LEVEL: 'warn',
    COGNATE_DATABASE_URL: '',
  };
  if (dialect === 'sqlite') return { dialect, dataDir, env, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  // A database of its own, so the tests' schemas in `test` are never touched.
  const dbName = `scale_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${dbName}`;
  env.COGNATE_DATABASE_URL = u.toString();
  return {
    dialect,
    dataDir,
    env,
    dbName,
    dbUrl: u.toString(),
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    },
  };
}

interface Child { url: string; child: ChildProcess; stop(): Promise<void> }

async function startChild(e: Env): Promise<Child> {
  const env = { ...e.env, COGNATE_PORT: String(await freePort()) };
  const { child, url } = await spawnCognate([path.join(ROOT, 'dist/cli/main.js'), 'start'], env, 120_000);
  return { url, child, stop: () => stopChild(child) };
}

const client = (url: string) => new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });

interface PoolIds { poolId: string; clientId: string }

async function createPool(idp: CognitoIdentityProviderClient, name: string): Promise<PoolIds> {
  const pool = await idp.send(new CreateUserPoolCommand({ PoolName: name, AutoVerifiedAttributes: ['email'] }));
  const poolId = pool.UserPool!.Id!;
  const c = await idp.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId,
    ClientName: `${name}-app`,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }));
  return { poolId, clientId: c.UserPoolClient!.ClientId! };
}

interface ImportResult { users: number; wallSeconds: number; cpuSeconds: number; rate: number; summary: string; loadBefore: string; loadAfter: string }

async function csvFor(users: number): Promise<string> {
  const file = path.join(os.tmpdir(), `cognate-scale-users-${users}.csv`);
  if (!existsSync(file) || statSync(file).size === 0) {
    log(`writing ${file}`);
    await writeUsersCsv(file, users);
  }
  return file;
}

/** `cognate users import` as its own process; its own summary line gives the CPU it used. */
async function importUsers(e: Env, poolId: string, users: number): Promise<ImportResult> {
  const file = await csvFor(users);
  const loadBefore = loadavg();
  const started = process.hrtime.bigint();
  const { code, out, err } = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const prof = IMPORT_PROF ? ['--cpu-prof', `--cpu-prof-dir=${IMPORT_PROF}`] : [];
    const args = [...prof, path.join(ROOT, 'dist/cli/main.js'), 'users', 'import', '--pool', poolId, file];
    const child = spawn(process.execPath, args, { env: e.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`users import exited ${code}: ${out}${err.slice(0, 2000)}`);
  const summary = out.trim().split('\n').pop() ?? '';
  const cpu = /CPU ([\d.]+) s/.exec(summary);
  return { users, wallSeconds, cpuSeconds: cpu ? Number(cpu[1]) : NaN, rate: users / wallSeconds, summary, loadBefore, loadAfter: loadavg() };
}

interface Stats { n: number; errors: number; firstError?: string; perSecond: number; p50: number; p99: number; lat: number[]; seconds: number }

function combine(parts: Stats[]): Stats {
  const lat = parts.flatMap((p) => p.lat);
  const seconds = parts.reduce((a, p) => a + p.seconds, 0);
  const s = Float64Array.from(lat).sort();
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN);
  const errors = parts.reduce((a, p) => a + p.errors, 0);
  return { n: lat.length, errors, firstError: parts.find((p) => p.firstError)?.firstError, perSecond: lat.length / seconds, p50: q(0.5), p99: q(0.99), lat, seconds };
}

/** Closed loop: `concurrency` workers each send the next request when the last answered; `count` in all. */
async function drive(count: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<Stats> {
  const lat: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const s = performance.now();
        try {
          await one(i);
          lat.push(performance.now() - s);
        } catch (e) {
          errors++;
          firstError ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const s = Float64Array.from(lat).sort();
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN);
  return { n: lat.length, errors, firstError, perSecond: lat.length / secs, p50: q(0.5), p99: q(0.99), lat, seconds: secs };
}

/** Users spread evenly over the pool's key space get a permanent password (imported users have none). */
function sampleUsers(users: number): string[] {
  const n = Math.min(SAMPLE, users);
  return Array.from({ length: n }, (_, k) => `user${1 + Math.floor((k * users) / n + users / (2 * n))}`);
}

async function givePasswords(idp: CognitoIdentityProviderClient, poolId: string, usernames: string[]): Promise<void> {
  await drive(usernames.length, 2, (i) => idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: usernames[i]!, Password: PASSWORD, Permanent: true })));
}

interface Workload { name: string; run(idp: CognitoIdentityProviderClient, ids: PoolIds, users: string[], tokens: string[]): (i: number) => Promise<unknown>; count: number }

const WORKLOADS: Workload[] = [
  {
    name: 'sign-in (USER_PASSWORD_AUTH)',
    count: SIGNINS,
    run: (idp, ids, users) => (i) =>
      idp.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: users[i % users.length]!, PASSWORD } })),
  },
  {
    name: 'GetUser',
    count: READS,
    run: (idp, _ids, _users, tokens) => (i) => idp.send(new GetUserCommand({ AccessToken: tokens[i % tokens.length]! })),
  },
  {
    // "user1" matches 111 of 10^3 and 111,111 of 10^6 users: a full page of 60 at both sizes, so the two sizes
    // answer the same amount of work ("user12" matched only 11 of 10^3, comparing a short page with a full one).
    name: 'ListUsers email ^= "user1" (60/page)',
    count: LISTS,
    run: (idp, ids) => () => idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user1"', Limit: 60 })),
  },
  {
    name: 'ListUsers email ^= "user" (broad, 60/page)',
    count: LISTS,
    run: (idp, ids) => () => idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user"', Limit: 60 })),
  },
  {
    name: 'ListUsers email ^= "user", page 2 (token)',
    count: LISTS,
    run: (idp, ids) => {
      let token: Promise<string | undefined> | undefined;
      return async () => {
        token ??= idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user"', Limit: 60 })).then((r) => r.PaginationToken);
        return idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user"', Limit: 60, PaginationToken: await token }));
      };
    },
  },
];

interface SizeResult { users: number; stats: Map<string, Stats> }

async function tokensFor(idp: CognitoIdentityProviderClient, ids: PoolIds, sample: string[]): Promise<string[]> {
  // Access tokens for GetUser come from real sign-ins of the sample users.
  const tokens: string[] = [];
  for (const u of sample) {
    const r = await idp.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u, PASSWORD } }));
    tokens.push(r.AuthenticationResult!.AccessToken!);
  }
  return tokens;
}

/**
 * Both pools, each workload in ROUNDS alternating slices (small, large, small, large, …) after a warm-up of
 * both, so a neighbour's burst on a shared machine lands on both sizes alike instead of on one of them.
 */
async function measureBoth(url: string, pools: { ids: PoolIds; users: number; sample: string[] }[]): Promise<SizeResult[]> {
  const idp = client(url);
  try {
    const ctx = await Promise.all(pools.map(async (p) => ({ ...p, tokens: await tokensFor(idp, p.ids, p.sample) })));
    const out = pools.map((p) => ({ users: p.users, stats: new Map<string, Stats>() }));
    for (const w of WORKLOADS) {
      const ones = ctx.map((c) => w.run(idp, c.ids, c.sample, c.tokens));
      for (const one of ones) await drive(Math.max(20, Math.floor(w.count / 10)), CONCURRENCY, one); // warm-up
      const parts: Stats[][] = ones.map(() => []);
      const slice = Math.max(1, Math.ceil(w.count / ROUNDS));
      for (let r = 0; r < ROUNDS; r++) for (const [k, one] of ones.entries()) parts[k]!.push(await drive(slice, CONCURRENCY, one));
      for (const [k, c] of ctx.entries()) {
        const st = combine(parts[k]!);
        log(`${c.users} users: ${w.name}: ${st.perSecond.toFixed(0)}/s p50 ${st.p50.toFixed(2)} ms p99 ${st.p99.toFixed(2)} ms${st.errors ? ` (${st.errors} errors: ${st.firstError})` : ''}`);
        out[k]!.stats.set(w.name, st);
      }
    }
    return out;
  } finally {
    idp.destroy();
  }
}

interface SizeInfo { bytes: number; perUser: number; detail: string }

async function databaseSize(e: Env): Promise<{ bytes: number; users: number; detail: string }> {
  if (e.dialect === 'sqlite') {
    const db = new SQLite(path.join(e.dataDir, 'cognate.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const pages = db.pragma('page_count', { simple: true }) as number;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      const users = (db.prepare('select count(*) as n from users').get() as { n: number }).n;
      return { bytes: (pages - free) * pageSize, users, detail: `${pages} pages of ${pageSize} B, ${free} free` };
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: e.dbUrl });
  await c.connect();
  try {
    const r = await c.query<{ t: string; b: string }>(
      `select relname as t, pg_total_relation_size(c.oid) as b from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = 'public' and relname in ('users', 'aliases') order by 1`,
    );
    const users = Number((await c.query<{ n: string }>('select count(*) as n from users')).rows[0]!.n);
    const bytes = r.rows.reduce((a, x) => a + Number(x.b), 0);
    return { bytes, users, detail: r.rows.map((x) => `${x.t} ${(Number(x.b) / 2 ** 20).toFixed(1)} MiB`).join(', ') };
  } finally {
    await c.end();
  }
}

interface DialectReport {
  dialect: Dialect;
  imports: ImportResult[];
  small?: SizeResult;
  large?: SizeResult;
  size?: SizeInfo;
  plans?: PlanReport[];
}

async function runDialect(dialect: Dialect): Promise<DialectReport> {
  const e = await makeEnv(dialect);
  const report: DialectReport = { dialect, imports: [] };
  let server: Child | undefined;
  try {
    server = await startChild(e);
    const admin = client(server.url);
    const small = await createPool(admin, 'scale-small');
    const large = await createPool(admin, 'scale-large');
    log(`${dialect}: importing ${SMALL} users`);
    report.imports.push(await importUsers(e, small.poolId, SMALL));
    const before = await databaseSize(e);
    log(`${dialect}: importing ${LARGE} users (load ${loadavg()})`);
    const big = await importUsers(e, large.poolId, LARGE);
    report.imports.push(big);
    log(`${dialect}: ${big.summary} (wall ${big.wallSeconds.toFixed(1)} s)`);
    const after = await databaseSize(e);
    report.size = { bytes: after.bytes, perUser: (after.bytes - before.bytes) / LARGE, detail: after.detail };
    if (IMPORT_ONLY) return report;
    const smallSample = sampleUsers(SMALL);
    const largeSample = sampleUsers(LARGE);
    await givePasswords(admin, small.poolId, smallSample);
    await givePasswords(admin, large.poolId, largeSample);
    admin.destroy();
    [report.small, report.large] = await measureBoth(server.url, [
      { ids: small, users: SMALL, sample: smallSample },
      { ids: large, users: LARGE, sample: largeSample },
    ]);
    await server.stop();
    server = undefined;
    report.plans = await plansOnLargePool(e, large, largeSample[0]!);
    return report;
  } finally {
    await server?.stop();
    await e.cleanup();
  }
}

/** One of each hot operation on an in-process node over the same data, its SQL captured, then EXPLAINed. */
async function plansOnLargePool(e: Env, ids: PoolIds, username: string): Promise<PlanReport[]> {
  const { loadConfig } = await import('../src/config/load.js');
  const { startServer } = await import('../src/server/start.js');
  const config = loadConfig({ env: { ...e.env, COGNATE_PORT: '0', COGNATE_LOG_LEVEL: 'silent' } });
  const node = await startServer(config);
  const idp = client(node.url);
  try {
    startCapture();
    const r = await idp.send(new InitiateAuthCommand({ ClientId: ids.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
    await idp.send(new GetUserCommand({ AccessToken: r.AuthenticationResult!.AccessToken! }));
    await idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user1"', Limit: 60 }));
    const p1 = await idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user"', Limit: 60 }));
    await idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: 'email ^= "user"', Limit: 60, PaginationToken: p1.PaginationToken }));
    await idp.send(new ListUsersCommand({ UserPoolId: ids.poolId, Filter: `username = "${username}"`, Limit: 60 }));
    const statements = capturedStatements();
    return await explainAll(e.dialect, statements, e.dialect === 'sqlite' ? path.join(e.dataDir, 'cognate.sqlite') : e.dbUrl!);
  } finally {
    idp.destroy();
    await node.close();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

function markdown(reports: DialectReport[]): string {
  const out: string[] = [];
  out.push(`Run ${new Date().toISOString()} on ${os.cpus().length}× ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at the end ${loadavg()}.`, '');
  out.push(`Pools of ${SMALL.toLocaleString('en')} and ${LARGE.toLocaleString('en')} users; ${CONCURRENCY} concurrent keep-alive connections (AWS SDK v3); ${SAMPLE} users per pool have a password; each workload in ${ROUNDS} alternating small/large slices.`, '');
  out.push('### Import (`cognate users import`)', '');
  out.push('| database | users | wall s | users/s | import CPU s | load before → after |', '| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of reports) for (const i of r.imports) out.push(`| ${r.dialect} | ${i.users.toLocaleString('en')} | ${i.wallSeconds.toFixed(1)} | ${Math.round(i.rate).toLocaleString('en')} | ${i.cpuSeconds.toFixed(1)} | ${i.loadBefore} → ${i.loadAfter} |`);
  out.push('');
  for (const r of reports) {
    if (!r.small || !r.large) continue;
    out.push(`### Latency, ${r.dialect}`, '');
    out.push(`| operation | ${SMALL.toLocaleString('en')}: p50 ms | p99 ms | /s | ${LARGE.toLocaleString('en')}: p50 ms | p99 ms | /s | p50 ratio | p99 ratio | within 2× |`);
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const w of WORKLOADS) {
      const a = r.small.stats.get(w.name)!;
      const b = r.large.stats.get(w.name)!;
      const r50 = b.p50 / a.p50;
      const r99 = b.p99 / a.p99;
      const err = a.errors + b.errors ? ` (${a.errors + b.errors} errors: ${a.firstError ?? b.firstError})` : '';
      out.push(`| ${w.name}${err} | ${ms(a.p50)} | ${ms(a.p99)} | ${a.perSecond.toFixed(0)} | ${ms(b.p50)} | ${ms(b.p99)} | ${b.perSecond.toFixed(0)} | ${r50.toFixed(2)} | ${r99.toFixed(2)} | ${r50 <= 2 && r99 <= 2 ? 'yes' : 'NO'} |`);
    }
    out.push('');
  }
  out.push('### Database size', '');
  out.push('| database | bytes per user (large import) | total | detail |', '| --- | ---: | ---: | --- |');
  for (const r of reports) if (r.size) out.push(`| ${r.dialect} | ${Math.round(r.size.perUser)} | ${(r.size.bytes / 2 ** 20).toFixed(0)} MiB | ${r.size.detail} |`);
  out.push('');
  for (const r of reports) {
    if (!r.plans) continue;
    out.push(`### Query plans at ${LARGE.toLocaleString('en')} users, ${r.dialect}`, '');
    out.push('Every statement the node ran for one sign-in, one GetUser and ListUsers (narrow and broad prefix, page 2, `username =`), with its plan on the large pool.', '');
    for (const p of r.plans) {
      const values = p.params.map((v) => (typeof v === 'string' && v.length > 24 ? `${v.slice(0, 21)}…` : v));
      out.push(`- ${p.verdict}: \`${p.sql.replace(/\s+/g, ' ').slice(0, 220)}\` with ${JSON.stringify(values)}`);
      for (const l of p.plan) out.push(`  - \`${l}\``);
    }
    out.push('');
  }
  return out.join('\n');
}

log(`load average ${loadavg()}; ${DIALECTS.join(', ')}; ${SMALL} and ${LARGE} users`);
const reports: DialectReport[] = [];
for (const d of DIALECTS) reports.push(await runDialect(d));
const md = markdown(reports);
process.stdout.write(md + '\n');
if (OUT) writeFileSync(OUT, md + '\n');
