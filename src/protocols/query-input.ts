/**
 * The AWS query protocol's request side: form fields (`Action=…&Version=…&Tags.member.1.Key=…`) from a
 * url-encoded body and/or the query string, rebuilt into the nested input the handlers' zod schemas read
 * (`.member.N` → arrays, `.entry.N.key/value` → maps), and zod helpers for the string-typed leaves.
 * Knows nothing of operations beyond the field names.
 */
import { z } from 'zod';

type Node = { [k: string]: Node | string };

/**
 * No input shape nests deeper than a handful of levels (`A.member.1.B.member.2` is 5); a name with more parts
 * names no member, so it is ignored like any unknown parameter instead of recursing without bound.
 */
const MAX_NAME_PARTS = 32;

export function formPairs(text: string): [string, string][] {
  return [...new URLSearchParams(text)];
}

/** Turns objects whose keys are all 1-based indexes (from `member.N`) into arrays, and `entry` lists into maps. */
function finish(node: Node | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'member' && typeof node.member === 'object') {
    const m = node.member as Node;
    return Object.keys(m).map(Number).filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b).map((n) => finish(m[String(n)]!));
  }
  if (keys.length === 1 && keys[0] === 'entry' && typeof node.entry === 'object') {
    const out: Record<string, unknown> = {};
    for (const e of Object.values(node.entry as Node)) {
      if (typeof e === 'object' && typeof e.key === 'string') out[e.key] = finish(e.value ?? '');
    }
    return out;
  }
  return Object.fromEntries(keys.map((k) => [k, finish(node[k]!)]));
}

/** Nested input from flattened pairs; `Action`, `Version` and SigV4 query parameters are left out. */
export function unflatten(pairs: readonly [string, string][]): Record<string, unknown> {
  const root: Node = {};
  for (const [name, value] of pairs) {
    if (name === 'Action' || name === 'Version' || name.startsWith('X-Amz-')) continue;
    const parts = name.split('.', MAX_NAME_PARTS + 1);
    if (parts.length > MAX_NAME_PARTS || parts.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]!];
      if (typeof next === 'object') node = next;
      else node = node[parts[i]!] = {};
    }
    const last = parts[parts.length - 1]!;
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return finish(root) as Record<string, unknown>;
}

/** A list member: the SDK sends an empty list as `Name=` (empty string). */
export const qList = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === '' ? [] : v), z.array(item));
export const qInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const qBool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const qTag = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) });
