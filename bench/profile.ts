/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof <dir>`): where the server's CPU time went, by
 * self time per function and by package, so a missed target can say why. Reads profiles only; changes nothing.
 *
 *   node --import tsx bench/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 25);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const n of p.nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const pkg = m ? m[1]! : url.includes('/dist/') ? 'cognate' : url.startsWith('node:') ? 'node core' : url ? url : n.callFrame.functionName || '(native)';
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of [...m].sort((x, y) => y[1] - x[1]).slice(0, top)) process.stdout.write(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}\n`);
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
show('by package / area (self time)', byPkg);
show('by function (self time)', byFn);
