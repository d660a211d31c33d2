/**
 * Discovers the operation handlers (one module per operation in src/handlers/{service}/) and indexes them by
 * wire name. Discovery keeps adding an operation a one-file change.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Operation } from './operation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const isModule = (f: string) => (f.endsWith('.js') || f.endsWith('.ts')) && !f.endsWith('.d.ts');

export type Registry = ReadonlyMap<string, Operation>;

let cached: Promise<Map<string, Registry>> | undefined;

/** service name → (operation name → operation) */
export function loadRegistry(): Promise<Map<string, Registry>> {
  cached ??= (async () => {
    const services = new Map<string, Registry>();
    // One directory per wire service (cognito-idp, cognito-identity, sts, iam, ...).
    const serviceDirs = (await readdir(here, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const service of serviceDirs) {
      const dir = path.join(here, service);
      const ops = new Map<string, Operation>();
      for (const file of (await readdir(dir)).filter(isModule).sort()) {
        const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Operation };
        const op = mod.default;
        if (!op?.name) throw new Error(`handler module ${service}/${file} has no default operation export`);
        if (ops.has(op.name)) throw new Error(`operation ${op.name} is defined twice (${service}/${file})`);
        ops.set(op.name, op);
      }
      services.set(service, ops);
    }
    return services;
  })();
  return cached;
}
