/**
 * `npm run bench`: starts Cognate (SQLite and PostgreSQL, one process and --workers N) and the peer
 * cognito-local as child processes, provisions each through the AWS SDK, drives every workload over keep-alive
 * HTTP for a fixed time, then runs the targets' "p99 at half rate" check open-loop, and writes
 * docs/benchmarks.md. It asserts nothing: it measures and reports, including what it could not measure and why.
 *
 *   --duration <s>      timed seconds per workload (default 6; 1 s warm-up before each)
 *   --concurrency <n>   connections / in-flight requests of the closed-loop runs (default 32)
 *   --only <w[,w]>      workloads: password, srp, refresh, getuser, signup, jwks, client_credentials
 *   --dialect <d>       sqlite | postgres | both (default both)
 *   --workers <n>       worker processes for the cluster runs (default: CPU count; 0 = skip them)
 *   --users <n>         users provisioned per pool (default 100)
 *   --no-peer           skip cognito-local
 *   --out <file>        where to write the report (default docs/benchmarks.md; '-' = stdout only)
 *   --cpu-prof <dir>    write V8 CPU profiles of the single-process Cognate servers there (see bench/profile.ts)
 *   --no-profile        skip the profiled re-runs of workloads that miss their target (on by default)
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { closedLoop, openLoop, type RunStats } from './load.js';
import { startCognate, startCognitoLocal, ADMIN, ROOT, type Running, type Dialect } from './servers.js';
import { provision, makeOp, WORKLOADS, TARGET, type WorkloadName } from './workloads.js';
import { renderReport, type ConfigResult } from './report.js';
import { calibrate } from './calibrate.js';
import { summarize, type ProfileSummary } from './profile.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';

const { values: a } = parseArgs({
  options: {
    duration: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '32' },
    only: { type: 'string' },
    dialect: { type: 'string', default: 'both' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    users: { type: 'string', default: '100' },
    'no-peer': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(ROOT, 'docs/benchmarks.md') },
    'cpu-prof': { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
  },
});

const duration = Number(a.duration);
const concurrency = Number(a.concurrency);
const workers = Number(a.workers);
const users = Number(a.users);
const only = (a.only?.split(',').map((s) => s.trim()) ?? [...WORKLOADS]) as WorkloadName[];
for (const w of only) if (!WORKLOADS.includes(w)) throw new Error(`--only: unknown workload '${w}' (${WORKLOADS.join(', ')})`);
const dialects: Dialect[] = a.dialect === 'both' ? ['sqlite', 'postgres'] : [a.dialect as Dialect];
for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--dialect must be sqlite, postgres or both`);

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = (b: number) => Math.round(b / 1048576);

async function measureConfig(start: () => Promise<Running>, o: { halfRate: boolean; peer: boolean }): Promise<ConfigResult> {
  const server = await start();
  log(`${server.name}: up at ${server.url}`);
  const runId = randomBytes(3).toString('hex');
  const result: ConfigResult = { name: server.name, peer: o.peer, idleRssMb: 0, peakRssMb: 0, workloads: {}, halfRate: {}, loadAvg: [os.loadavg()[0]!, 0] };
  try {
    await sleep(1000);
    result.startRssMb = MB(server.rss());
    const fx = await provision(server.url, o.peer ? { accessKeyId: 'local', secretAccessKey: 'local' } : ADMIN, users, concurrency);
    await sleep(1500);
    result.idleRssMb = MB(server.rss());
    log(`${server.name}: provisioned ${users} users; idle RSS ${result.idleRssMb} MB`);
    for (const w of only) {
      const op = await makeOp(w, fx, runId);
      if (typeof op !== 'function') {
        result.workloads[w] = { unsupported: op.unsupported };
        log(`${server.name}: ${w}: skipped (${op.unsupported})`);
        continue;
      }
      let peak = server.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 100);
      // The server's CPU time over the timed part (after the 1 s warm-up), per successful operation.
      let cpu0 = NaN;
      const atWarm = setTimeout(() => (cpu0 = server.cpuMs()), 1000);
      const stats = await closedLoop(op, { concurrency, seconds: duration, warmupSeconds: 1 });
      const cpuMsPerOp = stats.ok ? (server.cpuMs() - cpu0) / stats.ok : NaN;
      clearTimeout(atWarm);
      clearInterval(sampler);
      result.workloads[w] = { ...stats, peakRssMb: MB(peak), cpuMsPerOp };
      result.peakRssMb = Math.max(result.peakRssMb, MB(peak));
      log(`${server.name}: ${w}: ${stats.perSecond.toFixed(0)}/s ${cpuMsPerOp.toFixed(2)} CPU ms/op p50 ${stats.p50.toFixed(1)} ms p99 ${stats.p99.toFixed(1)} ms errors ${stats.errors}${stats.firstError ? ` (${stats.firstError.slice(0, 120)})` : ''} peak RSS ${MB(peak)} MB`);
    }
    if (o.halfRate) {
      for (const w of only) {
        const target = TARGET[w];
        const closed = result.workloads[w];
        if (!target || !closed || 'unsupported' in closed) continue;
        // A rate above the closed-loop maximum only measures a growing queue: report it as not sustainable.
        if (closed.perSecond < (target / 2) * 0.9) {
          result.halfRate[w] = { rate: target / 2, maxPerSecond: closed.perSecond };
          log(`${server.name}: ${w} at ${target / 2}/s: not sustainable (closed-loop maximum ${closed.perSecond.toFixed(0)}/s)`);
          continue;
        }
        const op = await makeOp(w, fx, `${runId}h`);
        if (typeof op !== 'function') continue;
        let peak = server.rss();
        const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 100);
        const stats: RunStats = await openLoop(op, { rate: target / 2, seconds: Math.min(duration, 5), maxInFlight: 128 });
        clearInterval(sampler);
        result.halfRate[w] = { ...stats, rate: target / 2 };
        result.peakRssMb = Math.max(result.peakRssMb, MB(peak));
        log(`${server.name}: ${w} at ${target / 2}/s: p50 ${stats.p50.toFixed(1)} ms p99 ${stats.p99.toFixed(1)} ms errors ${stats.errors}`);
      }
    }
    result.hwmMb = MB(server.hwm());
    result.loadAvg![1] = os.loadavg()[0]!;
    fx.target.close();
  } finally {
    await server.stop();
  }
  return result;
}

const started = Date.now();
const loadAtStart = os.loadavg()[0]!;
log(`calibrating the crypto on this machine (load average ${loadAtStart.toFixed(1)})`);
const cal = await calibrate();
log(`argon2id ${cal.argon2Ms.toFixed(1)} ms, RS256 sign ${cal.rs256SignMs.toFixed(2)} ms / verify ${cal.rs256VerifyMs.toFixed(3)} ms, 3072-bit modexp ${cal.modPowMs.toFixed(2)} ms`);
const results: ConfigResult[] = [];
const failures: string[] = [];
/** One server that cannot be started (say PostgreSQL is down) must not cost the rest of the run. */
async function attempt(name: string, f: () => Promise<ConfigResult>) {
  try {
    results.push(await f());
  } catch (e) {
    failures.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    log(`${name}: could not be measured: ${(e as Error).message}`);
  }
}
for (const d of dialects) await attempt(`Cognate ${d}`, () => measureConfig(() => startCognate({ dialect: d, cpuProfDir: a['cpu-prof'] }), { halfRate: true, peer: false }));
if (workers > 1) for (const d of dialects) await attempt(`Cognate ${d} --workers ${workers}`, () => measureConfig(() => startCognate({ dialect: d, workers }), { halfRate: false, peer: false }));
if (!a['no-peer']) {
  await attempt('cognito-local', () => measureConfig(() => startCognitoLocal(), { halfRate: false, peer: true }));
}

// Why a target is missed: run each such workload once more against a profiled single-process server.
const profiles: Partial<Record<WorkloadName, ProfileSummary>> = {};
if (!a['no-profile']) {
  for (const w of only) {
    const t = TARGET[w];
    const best = Math.max(0, ...results.filter((r) => !r.peer).map((r) => { const x = r.workloads[w]; return x && !('unsupported' in x) ? x.perSecond : 0; }));
    if (!t || best >= t || !results.some((r) => !r.peer && r.workloads[w] && !('unsupported' in r.workloads[w]!))) continue;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-prof-'));
    let skipMs = 0;
    try {
      const server = await startCognate({ dialect: dialects[0]!, cpuProfDir: dir });
      try {
        const fx = await provision(server.url, ADMIN, Math.min(users, 20), concurrency);
        const op = await makeOp(w, fx, `${randomBytes(3).toString('hex')}p`);
        if (typeof op === 'function') {
          skipMs = Date.now() - server.spawnedAt + 500;
          await closedLoop(op, { concurrency, seconds: Math.min(duration, 4), warmupSeconds: 0.5 });
        }
        fx.target.close();
      } finally {
        await server.stop();
      }
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        profiles[w] = summarize(path.join(dir, file), 8, skipMs);
        log(`profile ${w}: ${profiles[w]!.byArea.slice(0, 4).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
      }
    } catch (e) {
      log(`profile ${w}: failed: ${(e as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const md = renderReport(results, {
  date: new Date(),
  durationSeconds: duration,
  concurrency,
  users,
  workers,
  argv: process.argv.slice(2),
  wallSeconds: (Date.now() - started) / 1000,
  loadAtStart,
  calibration: cal,
  profiles,
  failures,
});
if (a.out === '-') process.stdout.write(md);
else {
  writeFileSync(a.out!, md);
  log(`wrote ${path.relative(process.cwd(), a.out!)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
