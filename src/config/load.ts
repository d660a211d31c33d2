/**
 * Loads the configuration: defaults ← config file (YAML or JSON) ← environment ← explicit overrides.
 * Every failure names the bad key (and for the file, the line) so the operator knows what to fix.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { configSchema, envKeys, nestedEnvKeys, type Config } from './schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadOptions {
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  overrides?: Record<string, unknown>;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.configFile ?? env.COGNATE_CONFIG;
  let fromFile: Record<string, unknown> = {};
  let lineOf: (keyPath: (string | number)[]) => number | undefined = () => undefined;
  if (file) {
    if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist (set by --config or COGNATE_CONFIG)`);
    const text = readFileSync(file, 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      throw new ConfigError(`${file}:${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`);
    }
    const value = doc.toJS() ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: the top level must be a mapping of settings`);
    fromFile = value as Record<string, unknown>;
    lineOf = (keyPath) => {
      const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
      const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
      return pos?.line;
    };
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(envKeys)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  for (const [name, [key, sub]] of Object.entries(nestedEnvKeys)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    const base = fromEnv[key] ?? fromFile[key];
    fromEnv[key] = { ...(base && typeof base === 'object' ? base : {}), [sub]: v };
  }
  const merged = { ...fromFile, ...fromEnv, ...(opts.overrides ?? {}) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.join('.');
    const envName = Object.entries(envKeys).find(([, k]) => k === issue.path[0])?.[0];
    const inEnv = issue.path.length === 1 && issue.path[0] in fromEnv;
    const where = inEnv
      ? `environment variable ${envName}`
      : file && issue.path[0] in fromFile
        ? `${file}:${lineOf(issue.path) ?? lineOf(issue.path.slice(0, 1)) ?? '?'} key '${key}'`
        : `setting '${key}'`;
    const msg = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
    throw new ConfigError(`invalid configuration: ${where}: ${msg}`);
  }
  const cfg = parsed.data;
  const dataDir = path.resolve(cfg.dataDir);
  const host = cfg.host;
  const publicUrl = (cfg.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${cfg.port}`).replace(/\/+$/, '');
  return { ...cfg, dataDir, publicUrl, publicUrlDerived: !cfg.publicUrl, configFile: file ? path.resolve(file) : undefined };
}
