/**
 * Summarises V8 .cpuprofile files (node --cpu-prof): where a server's CPU time went, by self time per package
 * or area and per function, so a missed target can say why. `npm run bench -- --profile` runs each missed
 * workload once more against a profiled single-process server and puts the summary into the report.
 * Reads profiles only; changes nothing.
 *
 *   node --import tsx bench/profile.ts <file.cpuprofile> [top] [skip-ms]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  totalMs: number;
  /** [name, share 0..1] sorted by share */
  byArea: [string, number][];
  byFunction: [string, number][];
}

function area(url: string, fn: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const own = /\/(?:dist|src)\/([^/]+)\//.exec(url);
  if (own) return `cognate ${own[1]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[1] ?? url.slice(5)}`;
  return url || fn || '(native)';
}

/** `skipMs`: ignore the first milliseconds of the profile (start-up and provisioning, not the measured load). */
export function summarize(file: string, top = 10, skipMs = 0): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const self = new Map<number, number>();
  let at = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if (at >= skipMs * 1000) self.set(id, (self.get(id) ?? 0) + dt);
  });
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const t = self.get(n.id) ?? 0;
    if (!t || n.callFrame.functionName === '(idle)') continue;
    total += t;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const a = area(url, n.callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + t);
  }
  const rank = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]).slice(0, top).map(([k, v]) => [k, v / total] as [string, number]);
  return { totalMs: total / 1000, byArea: rank(byArea), byFunction: rank(byFn) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [top]');
  const s = summarize(file, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0));
  process.stdout.write(`${file}: ${(s.totalMs / 1000).toFixed(1)} s of CPU (idle excluded)\n\nby area (self time)\n`);
  for (const [k, v] of s.byArea) process.stdout.write(`${(v * 100).toFixed(1).padStart(5)} %  ${k}\n`);
  process.stdout.write('\nby function (self time)\n');
  for (const [k, v] of s.byFunction) process.stdout.write(`${(v * 100).toFixed(1).padStart(5)} %  ${k}\n`);
}
