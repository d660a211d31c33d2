/**
 * For the scale bench: records every SQL statement an in-process node runs (by wrapping better-sqlite3's
 * statement methods and pg's Client#query, below Kysely, so what is captured is exactly what the store sends),
 * then EXPLAINs each distinct SELECT/UPDATE/DELETE with its own parameters against a database and judges the
 * plan: an index seek, or a scan/sort that grows with the pool. Bench-only: nothing in src/ loads it.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface Captured { sql: string; params: unknown[] }
export interface PlanReport { sql: string; params: unknown[]; plan: string[]; verdict: string }

let capturing = false;
const seen = new Map<string, Captured>();

function record(sql: string, params: unknown): void {
  if (!capturing || !/^\s*(select|update|delete|with)\b/i.test(sql)) return;
  const list = Array.isArray(params) ? params : params === undefined ? [] : [params];
  // The same SQL with other values can get another plan (a narrow and a broad prefix): keep up to 3 variants.
  const key = `${sql}\n${JSON.stringify(list)}`;
  if (seen.has(key) || [...seen.values()].filter((c) => c.sql === sql).length >= 3) return;
  seen.set(key, { sql, params: list });
}

let patched = false;
function patch(): void {
  if (patched) return;
  patched = true;
  const mem = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(mem.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  mem.close();
  for (const m of ['all', 'get', 'run', 'iterate']) {
    const orig = proto[m]!;
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      record(this.source, args.length === 1 ? args[0] : args);
      return orig.apply(this, args);
    };
  }
  const q = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string') record(text, values);
    else if (text && typeof text === 'object' && typeof (text as { text?: unknown }).text === 'string') record((text as { text: string }).text, (text as { values?: unknown }).values);
    return q.apply(this, args);
  };
}

export function startCapture(): void {
  patch();
  seen.clear();
  capturing = true;
}

export function capturedStatements(): Captured[] {
  capturing = false;
  return [...seen.values()];
}

/** Tables whose rows grow with users or their activity: a scan of one of these is a finding. */
const GROWING = /\b(users|aliases|refresh_tokens|auth_sessions|codes|attempts|devices|group_members|revocations|outbox|auth_events|mfa\w*)\b/;

function judgeSqlite(plan: string[]): string {
  const bad = plan.filter((l) => (/^\s*SCAN (\w+)/.test(l) && GROWING.test(l.replace(/USING.*/, ''))) || /TEMP B-TREE FOR ORDER BY/.test(l));
  if (bad.length) return `**scan/sort** (${bad.map((b) => b.trim()).join('; ')})`;
  if (plan.some((l) => /^\s*SCAN /.test(l))) return 'index seek (scans only small configuration tables)';
  return 'index seek';
}

function judgePostgres(plan: string[]): string {
  const bad = plan.filter((l) => (/Seq Scan on (\w+)/.test(l) && GROWING.test(/Seq Scan on (\w+)/.exec(l)![1]!)) || /^\s*(->\s*)?(Incremental )?Sort\b/.test(l));
  if (bad.length) return `**scan/sort** (${bad.map((b) => b.trim()).join('; ')})`;
  if (plan.some((l) => /Seq Scan/.test(l))) return 'index seek (scans only small configuration tables)';
  return 'index seek';
}

/** A scan of a table that is small right now is the planner's choice, not a missing index: say how small. */
async function small(verdict: string, rows: (table: string) => number | Promise<number>): Promise<string> {
  if (!verdict.startsWith('**')) return verdict;
  const tables = [...new Set([...verdict.matchAll(/(?:Seq Scan on|SCAN) (\w+)/g)].map((m) => m[1]!))];
  const counts = await Promise.all(tables.map(async (t) => [t, await rows(t)] as const));
  if (counts.length > 0 && counts.every(([, n]) => n < 10_000) && !/Sort|B-TREE/.test(verdict)) {
    return `scan of a small table (${counts.map(([t, n]) => `${t}: ${n} rows`).join(', ')}; the planner prefers it at this size)`;
  }
  return verdict;
}

export async function explainAll(dialect: 'sqlite' | 'postgres', statements: Captured[], where: string): Promise<PlanReport[]> {
  const out: PlanReport[] = [];
  if (dialect === 'sqlite') {
    const db = new SQLite(where, { readonly: true, fileMustExist: true });
    try {
      for (const s of statements) {
        const rows = db.prepare(`explain query plan ${s.sql}`).all(...(s.params as unknown[])) as { id: number; parent: number; detail: string }[];
        const depth = new Map<number, number>([[0, 0]]);
        const plan = rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d - 1)}${r.detail}`;
        });
        out.push({ sql: s.sql, params: s.params, plan, verdict: await small(judgeSqlite(plan), (t) => (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n) });
      }
    } finally {
      db.close();
    }
    return out;
  }
  const c = new pg.Client({ connectionString: where });
  await c.connect();
  try {
    for (const s of statements) {
      const r = await c.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${s.sql}`, s.params as unknown[]);
      const plan = r.rows.map((x) => x['QUERY PLAN']);
      out.push({ sql: s.sql, params: s.params, plan, verdict: await small(judgePostgres(plan), async (t) => Number((await c.query(`select count(*) as n from "${t}"`)).rows[0].n)) });
    }
  } finally {
    await c.end();
  }
  return out;
}
