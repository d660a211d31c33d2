/**
 * Runs local handler modules in a small pool of worker threads, one job per worker at a time. Isolation is the
 * point: a handler that throws answers with its error; one that hangs past the deadline has its worker
 * terminated and replaced; one that exhausts its heap (resourceLimits) or crashes loses only its worker. The
 * server's event loop never runs handler code. Jobs wait in a queue when every worker is busy, and the deadline
 * counts from the moment the job was queued, so callers are never kept longer than the timeout.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { WORKER_SOURCE } from './worker-source.js';

export interface ModuleJob {
  /** Absolute file path of the handler module. */
  readonly module: string;
  readonly handler: string;
  readonly event: unknown;
  /** Lambda context members (functionName, awsRequestId, …); functions are added in the worker. */
  readonly context: Record<string, unknown>;
}

export type JobOutcome =
  | { readonly kind: 'result'; readonly payload: string }
  | { readonly kind: 'function-error'; readonly errorType: string; readonly message: string }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'unexpected'; readonly message: string };

interface Pending {
  readonly id: number;
  readonly job: ModuleJob;
  readonly deadline: number;
  readonly resolve: (o: JobOutcome) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

export interface WorkerPoolOptions {
  size: number;
  memoryMb: number;
  timeoutMs: number;
  log: Logger;
  /** The handlers' process.env (the server's, without Cognate's own settings and secrets). */
  env: Record<string, string>;
}

export const TIMEOUT_MESSAGE = 'Socket timeout while invoking Lambda function';

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions) {}

  run(job: ModuleJob): Promise<JobOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'unexpected', message: 'the server is shutting down' });
    return new Promise((resolve) => {
      const p: Pending = { id: this.nextId++, job, deadline: Date.now() + this.opts.timeoutMs, resolve };
      p.timer = setTimeout(() => this.expire(p), this.opts.timeoutMs);
      this.queue.push(p);
      this.dispatch();
    });
  }

  /** Terminates every worker; queued and running jobs fail as unexpected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.settle(p, { kind: 'unexpected', message: 'the server is shutting down' });
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) if (s.busy) this.settle(s.busy, { kind: 'unexpected', message: 'the server is shutting down' });
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.busy);
      if (!slot) {
        if (this.slots.size >= this.opts.size) return;
        slot = this.spawn();
      }
      const p = this.queue.shift()!;
      slot.busy = p;
      p.slot = slot;
      const remainingMs = Math.max(0, p.deadline - Date.now());
      slot.worker.postMessage({ id: p.id, module: p.job.module, handler: p.job.handler, event: p.job.event, context: { ...p.job.context, remainingMs } });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Handlers are plain Lambda JavaScript; the server's own loader flags (tsx, --test) are not theirs.
      execArgv: [],
      env: this.opts.env,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.floor(this.opts.memoryMb / 8)) },
      stdout: true,
      stderr: true,
    });
    const slot: Slot = { worker };
    // Handler console output goes to the debug log: it may print events, which can carry passwords (UserMigration).
    const forward = (stream: NodeJS.ReadableStream, level: 'debug') =>
      stream.on('data', (chunk: Buffer) => this.opts.log[level]({ lambdaOutput: chunk.toString('utf8').slice(0, 4096) }, 'lambda handler output'));
    forward(worker.stdout, 'debug');
    forward(worker.stderr, 'debug');
    worker.on('message', (m: { id: number; ok: boolean; payload?: string; errorType?: string; errorMessage?: string; unserializable?: boolean }) => {
      const p = slot.busy;
      if (!p || p.id !== m.id) return;
      slot.busy = undefined;
      if (m.ok) this.settle(p, { kind: 'result', payload: m.payload ?? 'null' });
      else if (m.unserializable) this.settle(p, { kind: 'invalid', message: m.errorMessage ?? 'unserializable result' });
      else this.settle(p, { kind: 'function-error', errorType: m.errorType ?? 'Error', message: m.errorMessage ?? '' });
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const p = slot.busy;
      slot.busy = undefined;
      this.slots.delete(slot);
      if (p) {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.settle(p, { kind: 'unexpected', message: 'Lambda function ran out of memory' });
        // An exception escaping the handler's own callbacks (timers, emitters) is still the function's error.
        else this.settle(p, { kind: 'function-error', errorType: e.name || 'Error', message: e.message });
      }
      this.dispatch();
    });
    worker.on('exit', () => {
      if (!this.slots.delete(slot)) return;
      const p = slot.busy;
      slot.busy = undefined;
      if (p) this.settle(p, { kind: 'unexpected', message: 'Lambda function exited unexpectedly' });
      this.dispatch();
    });
    this.slots.add(slot);
    return slot;
  }

  private expire(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) this.queue.splice(i, 1);
    const slot = p.slot;
    if (slot && slot.busy === p) {
      // A hung handler keeps its thread busy forever; only terminating the worker gets the thread back.
      slot.busy = undefined;
      this.slots.delete(slot);
      void slot.worker.terminate().catch(() => undefined);
      this.opts.log.warn({ module: p.job.module }, 'lambda handler timed out; its worker was terminated');
    }
    this.settle(p, { kind: 'unexpected', message: TIMEOUT_MESSAGE });
    this.dispatch();
  }

  private settle(p: Pending, o: JobOutcome): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    p.resolve(o);
  }
}
