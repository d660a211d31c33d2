/**
 * Shared pieces of the trigger tests: fixture handler modules by function name, ARNs for them, and a server
 * whose `lambda.functions` maps each fixture (plus any extra mapping a test file needs).
 */
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestDialect, type TestServer } from '../helpers/server.js';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.mjs`, import.meta.url));
export const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export const FIXTURES = [
  'pre-sign-up', 'callback-style', 'throws', 'hangs', 'memory-hog', 'bad-output', 'post-confirmation', 'custom-message',
  'pre-token-v1', 'pre-token-v2', 'user-migration', 'define-auth', 'create-auth', 'verify-auth', 'pre-auth', 'post-auth', 'env-probe',
];

export function triggerServer(dialect: TestDialect, lambda: Record<string, unknown> = {}, extraFunctions: Record<string, unknown> = {}): Promise<TestServer> {
  const functions: Record<string, unknown> = {};
  // Mapped by ARN and by bare name: both forms resolve.
  for (const f of FIXTURES) functions[f === 'pre-sign-up' ? arn(f) : f] = { module: fixture(f) };
  return startTestServer(dialect, { overrides: { lambda: { timeoutMs: 1500, workerMemoryMb: 32, ...lambda, functions: { ...functions, ...extraFunctions } } } });
}
