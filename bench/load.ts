/**
 * The load generator: keep-alive HTTP/1.1 with a fixed number of connections, driven closed-loop (N workers,
 * each sends its next request when the last one answered: measures throughput) or open-loop at a fixed rate
 * (requests leave on schedule whether or not earlier ones answered, latency counted from the scheduled time so
 * a stalled server cannot hide its queueing: measures p99 at a given rate). It never retries.
 */
import http from 'node:http';

export interface Reply { status: number; body: string }

export class HttpTarget {
  readonly agent: http.Agent;
  readonly host: string;
  readonly port: number;
  constructor(url: string, connections: number) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const h = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request({ host: this.host, port: this.port, method, path, headers: h, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** One AWS JSON 1.1 call (public operations: unsigned). Throws on an error answer. */
  async call<T = Record<string, unknown>>(op: string, input: unknown): Promise<T> {
    const r = await this.request(
      'POST',
      '/',
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
      JSON.stringify(input),
    );
    if (r.status !== 200) throw new Error(`${op}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    return JSON.parse(r.body) as T;
  }

  close() {
    this.agent.destroy();
  }
}

export interface RunStats {
  ok: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

class Recorder {
  lat: number[] = [];
  ok = 0;
  errors = 0;
  firstError?: string;
  record(ms: number) {
    this.ok++;
    this.lat.push(ms);
  }
  fail(e: unknown) {
    this.errors++;
    this.firstError ??= e instanceof Error ? e.message : String(e);
  }
  stats(seconds: number): RunStats {
    const s = Float64Array.from(this.lat).sort();
    const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN);
    return { ok: this.ok, errors: this.errors, firstError: this.firstError, seconds, perSecond: this.ok / seconds, p50: q(0.5), p99: q(0.99) };
  }
}

/** One unit of work; resolves when it succeeded, throws when it did not. */
export type Op = (i: number) => Promise<void>;

/** Closed loop: `concurrency` loops for `warmup` then `seconds`; only the timed part is recorded. */
export async function closedLoop(op: Op, o: { concurrency: number; seconds: number; warmupSeconds: number }): Promise<RunStats> {
  let counter = 0;
  const rec = new Recorder();
  const warmEnd = performance.now() + o.warmupSeconds * 1000;
  const end = warmEnd + o.seconds * 1000;
  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      try {
        await op(counter++);
        const t1 = performance.now();
        if (t0 >= warmEnd) rec.record(t1 - t0);
      } catch (e) {
        if (t0 >= warmEnd) rec.fail(e);
        else await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  return rec.stats(o.seconds);
}

/**
 * Open loop at `rate` per second for `seconds`. Latency is measured from each request's scheduled start. When
 * more than `maxInFlight` are outstanding the server is not keeping up: the rest of that tick is counted as errors.
 */
export async function openLoop(op: Op, o: { rate: number; seconds: number; maxInFlight: number }): Promise<RunStats> {
  const rec = new Recorder();
  const start = performance.now();
  const total = Math.round(o.rate * o.seconds);
  let sent = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  while (sent < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - start) / 1000) * o.rate) + 1);
    while (sent < due) {
      const scheduled = start + (sent / o.rate) * 1000;
      const i = sent++;
      if (inFlight >= o.maxInFlight) {
        rec.fail(new Error(`more than ${o.maxInFlight} requests outstanding`));
        continue;
      }
      inFlight++;
      pending.push(
        op(i).then(
          () => {
            inFlight--;
            rec.record(performance.now() - scheduled);
          },
          (e) => {
            inFlight--;
            rec.fail(e);
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return rec.stats(o.seconds);
}
