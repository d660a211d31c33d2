/**
 * Policy text → match patterns: `${…}` policy-variable substitution (with defaults and the `${*}` `${?}` `${$}`
 * escapes) and `*` / `?` wildcard matching. A substituted value is always literal text, so a user name that
 * contains `*` can never widen a policy. Matching is a linear backtracking glob, never a RegExp built from policy
 * text, so hostile patterns or long ARNs cannot cause catastrophic backtracking.
 */
import type { EvalContext } from './context.js';

/** Literal text, or a wildcard: `*` any run (crossing `:` and `/`), `?` exactly one character. */
export type Token = { readonly lit: string } | '*' | '?';
export type Pattern = readonly Token[];

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/**
 * The body of `${ key }` or `${ key, 'default' }` (a quote inside the default is doubled: `''`).
 * Returns the end index (just past `}`) and the parts, or null when the syntax is broken.
 */
function readVariable(text: string, start: number): { end: number; key: string; fallback?: string } | null {
  let i = start;
  let key = '';
  while (i < text.length && text[i] !== ',' && text[i] !== '}') key += text[i++];
  key = key.trim();
  if (i >= text.length || key === '') return null;
  if (text[i] === '}') return { end: i + 1, key };
  i++;
  while (text[i] === ' ') i++;
  if (text[i] !== "'") return null;
  i++;
  let fallback = '';
  for (;;) {
    if (i >= text.length) return null;
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        fallback += "'";
        i += 2;
        continue;
      }
      i++;
      break;
    }
    fallback += text[i++];
  }
  while (text[i] === ' ') i++;
  if (text[i] !== '}') return null;
  return { end: i + 1, key, fallback };
}

/**
 * Expands policy text into a pattern. `ctx` null means the policy's Version does not substitute variables,
 * so `${…}` stays literal. Returns null when a variable has no value and no default, or is malformed: AWS
 * then treats the element as not matching.
 */
export function expand(text: string, ctx: EvalContext | null): Pattern | null {
  const out: Token[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push({ lit });
    lit = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (ctx && c === '$' && text[i + 1] === '{') {
      const v = readVariable(text, i + 2);
      if (!v) return null;
      const value = Object.hasOwn(ESCAPES, v.key) ? ESCAPES[v.key] : (ctx.variable(v.key) ?? v.fallback);
      if (value === undefined) return null;
      lit += value;
      i = v.end;
      continue;
    }
    if (c === '*' || c === '?') {
      flush();
      out.push(c);
    } else lit += c;
    i++;
  }
  flush();
  return out;
}

/** The pattern as plain text (wildcards as their characters), for exact comparisons such as StringEquals. */
export function patternText(p: Pattern): string {
  return p.map((t) => (typeof t === 'string' ? t : t.lit)).join('');
}

const STAR = 1;
const QMARK = 2;

interface Compiled {
  readonly chars: readonly string[];
  readonly kinds: readonly number[];
}

/** Compiled forms of memoised patterns (from literalPattern); per-request expansions are not worth caching. */
const memoised = new WeakSet<Pattern>();
const compiledCache = new WeakMap<Pattern, { exact?: Compiled; folded?: Compiled }>();

function compileGlob(p: Pattern, ignoreCase: boolean): Compiled {
  const memo = memoised.has(p);
  const slot = (memo && compiledCache.get(p)) || {};
  const hit = ignoreCase ? slot.folded : slot.exact;
  if (hit) return hit;
  const chars: string[] = [];
  const kinds: number[] = [];
  for (const t of p) {
    if (t === '*') {
      if (kinds[kinds.length - 1] !== STAR) (chars.push(''), kinds.push(STAR));
    } else if (t === '?') (chars.push(''), kinds.push(QMARK));
    else for (const ch of ignoreCase ? t.lit.toLowerCase() : t.lit) (chars.push(ch), kinds.push(0));
  }
  const compiled = { chars, kinds };
  if (memo) compiledCache.set(p, ignoreCase ? { ...slot, folded: compiled } : { ...slot, exact: compiled });
  return compiled;
}

/** Glob match of the whole value. ignoreCase folds both sides (action names). */
export function globMatch(p: Pattern, value: string, ignoreCase = false): boolean {
  const { chars, kinds } = compileGlob(p, ignoreCase);
  const s = Array.from(ignoreCase ? value.toLowerCase() : value);
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < chars.length && (kinds[pi] === QMARK || (kinds[pi] === 0 && chars[pi] === s[si]))) {
      pi++;
      si++;
    } else if (pi < chars.length && kinds[pi] === STAR) {
      starP = pi++;
      starS = si;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pi < chars.length && kinds[pi] === STAR) pi++;
  return pi === chars.length;
}

/** Splits a pattern at a literal separator, at most `limit` times (the last part keeps further separators). */
export function splitPattern(p: Pattern, sep: string, limit: number): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of p) {
    if (typeof t === 'string') {
      parts[parts.length - 1].push(t);
      continue;
    }
    const pieces = t.lit.split(sep);
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (parts.length <= limit) parts.push([]);
        else parts[parts.length - 1].push({ lit: sep });
      }
      if (piece) parts[parts.length - 1].push({ lit: piece });
    });
  }
  return parts;
}

const literalCache = new Map<string, Pattern>();

/** Compiles text that never carries variables (actions, Version-2008 text): wildcards only; memoised. */
export function literalPattern(text: string): Pattern {
  let p = literalCache.get(text);
  if (!p) {
    if (literalCache.size >= 10_000) literalCache.clear();
    p = expand(text, null) as Pattern;
    literalCache.set(text, p);
    memoised.add(p);
  }
  return p;
}
