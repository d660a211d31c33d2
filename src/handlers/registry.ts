/**
 * Discovers the operation handlers (one module per operation in src/handlers/{service}/) and indexes them by
 * wire name. Discovery keeps adding an operation a one-file change. The server uses the lazy form: at start it
 * only lists the files, and a handler module (with the domain code behind it: IAM, identity pools, STS, user
 * import…) is imported on the first request for it, so a node that never serves an API does not hold its code
 * in memory. A file is named after its operation in kebab case (`initiate-auth.ts` for InitiateAuth); the
 * imported operation's own name must equal the requested one exactly.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Operation } from './operation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const isModule = (f: string) => (f.endsWith('.js') || f.endsWith('.ts')) && !f.endsWith('.d.ts');

export type Registry = ReadonlyMap<string, Operation>;

let cached: Promise<Map<string, Registry>> | undefined;

/** The operations of every service, imported on first use. */
export interface LazyOperations {
  /** Whether the service has a handler file for this name (by file name; `find` makes the exact check). */
  has(service: string, name: string): boolean;
  /** The operation, importing its module on first use; undefined when the service has no such operation. */
  find(service: string, name: string): Promise<Operation | undefined>;
}

const fileKey = (name: string) => name.toLowerCase().replace(/-/g, '');

export async function lazyOperations(): Promise<LazyOperations> {
  const files = new Map<string, Map<string, string>>();
  const serviceDirs = (await readdir(here, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const service of serviceDirs) {
    const dir = path.join(here, service);
    const index = new Map<string, string>();
    for (const file of (await readdir(dir)).filter(isModule).sort()) index.set(fileKey(file.replace(/\.(js|ts)$/, '')), path.join(dir, file));
    files.set(service, index);
  }
  const loaded = new Map<string, Promise<Operation | undefined>>();
  return {
    has: (service, name) => files.get(service)?.has(fileKey(name)) ?? false,
    find(service, name) {
      const file = files.get(service)?.get(fileKey(name));
      if (!file) return Promise.resolve(undefined);
      let p = loaded.get(file);
      if (!p) {
        p = import(pathToFileURL(file).href).then((mod: { default?: Operation }) => {
          if (!mod.default?.name) throw new Error(`handler module ${file} has no default operation export`);
          return mod.default;
        });
        // A failed import is not remembered: the next request tries again (and reports the error again).
        p.catch(() => loaded.delete(file));
        loaded.set(file, p);
      }
      return p.then((op) => (op?.name === name ? op : undefined));
    },
  };
}

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
