/**
 * Where a trigger's function runs. A pool's LambdaConfig names functions by ARN; the `lambda.functions` setting
 * maps an ARN (or the bare function name) to a local module or an HTTP(S) URL, and anything unmapped goes to the
 * Lambda Invoke API at `lambda.endpoint` (COGNATE_LAMBDA_ENDPOINT), or AWS's regional endpoint when unset. This
 * module invokes and reports a raw outcome; it knows nothing of Cognito's error wording (see invoke.ts) and never
 * runs handler code on the server's own thread.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { perServices, type Services } from '../services.js';
import { invokeLambdaApi, invokeUrl } from './remote.js';
import { WorkerPool, type JobOutcome } from './worker-pool.js';

export type Target =
  | { kind: 'module'; file: string; handler: string }
  | { kind: 'url'; url: string; secret?: string }
  | { kind: 'invoke'; endpoint: string; region: string };

const ARN = /^arn:aws[\w-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;

/** The function name and region an ARN (or plain name) denotes. */
export function parseFunction(ref: string): { name: string; region?: string } {
  const m = ARN.exec(ref);
  return m ? { name: m[3]!, region: m[1] } : { name: ref.split(':')[0]! };
}

export function resolveTarget(svc: Services, ref: string): Target {
  const cfg = svc.config.lambda;
  const { name, region } = parseFunction(ref);
  const mapped = cfg.functions[ref] ?? cfg.functions[name];
  if (mapped && 'module' in mapped) {
    // Relative module paths are relative to the config file, as an operator reading that file expects.
    const base = svc.config.configFile ? path.dirname(svc.config.configFile) : process.cwd();
    return { kind: 'module', file: path.resolve(base, mapped.module), handler: mapped.handler };
  }
  if (mapped && 'url' in mapped) return { kind: 'url', url: mapped.url, secret: mapped.secret ?? cfg.webhookSecret };
  const r = region ?? svc.config.region;
  return { kind: 'invoke', endpoint: cfg.endpoint ?? `https://lambda.${r}.amazonaws.com`, region: r };
}

/**
 * What a handler finds in process.env: the server's environment minus every COGNATE_* variable (master key,
 * admin and Lambda credentials, database URL) and AWS credentials, plus the variables Lambda's Node runtime sets.
 * This stops a handler that logs its environment from leaking Cognate's secrets; it is not a sandbox — local
 * modules are trusted code running as the server's OS user.
 */
export function handlerEnv(svc: Services): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('COGNATE_') || /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/.test(k)) continue;
    out[k] = v;
  }
  return {
    ...out,
    AWS_REGION: svc.config.region,
    AWS_DEFAULT_REGION: svc.config.region,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(svc.config.lambda.workerMemoryMb),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
  };
}

const pools = perServices(
  (svc) =>
    new WorkerPool({
      size: svc.config.lambda.workers,
      memoryMb: svc.config.lambda.workerMemoryMb,
      timeoutMs: svc.config.lambda.timeoutMs,
      log: svc.log,
      env: handlerEnv(svc),
    }),
);
const started = new WeakSet<Services>();

/** Runs the function `ref` with `event`; resolves with the outcome (never rejects for a function's failure). */
export async function runFunction(svc: Services, ref: string, event: unknown): Promise<JobOutcome> {
  const cfg = svc.config.lambda;
  const target = resolveTarget(svc, ref);
  const { name, region } = parseFunction(ref);
  switch (target.kind) {
    case 'module': {
      started.add(svc);
      return pools(svc).run({
        module: target.file,
        handler: target.handler,
        event,
        context: {
          functionName: name,
          functionVersion: '$LATEST',
          invokedFunctionArn: ARN.test(ref) ? ref : `arn:aws:lambda:${region ?? svc.config.region}:${svc.config.accountId}:function:${name}`,
          memoryLimitInMB: String(cfg.workerMemoryMb),
          awsRequestId: randomUUID(),
          logGroupName: `/aws/lambda/${name}`,
          logStreamName: `cognate/[$LATEST]${process.pid}`,
        },
      });
    }
    case 'url':
      return invokeUrl({ url: target.url, secret: target.secret, functionName: ref }, event, cfg.timeoutMs, () => svc.clock.now());
    case 'invoke': {
      const credentials =
        cfg.accessKeyId && cfg.secretAccessKey ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey, sessionToken: cfg.sessionToken } : undefined;
      return invokeLambdaApi({ functionName: ref, endpoint: target.endpoint, region: target.region, credentials }, event, cfg.timeoutMs);
    }
  }
}

/** Stops the handler workers of this server (on shutdown). */
export async function closeTriggerRuntime(svc: Services): Promise<void> {
  if (started.has(svc)) await pools(svc).close();
}
