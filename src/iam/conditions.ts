/**
 * Evaluates one condition clause (operator + key + policy values) against the request context, with AWS's
 * documented semantics: values of one key are ORed; negated operators hold when the request value matches none
 * of them; an absent key fails a condition except for negated operators, `…IfExists`, `ForAllValues` and `Null`;
 * `ForAnyValue` / `ForAllValues` compare the request's value set (empty or absent: ForAllValues true, ForAnyValue
 * false). Never throws on odd values: an unparsable number, date, IP or ARN simply does not match.
 */
import type { EvalContext } from './context.js';
import { expand, globMatch, patternText, splitPattern, type Pattern } from './patterns.js';
import { inCidr, parseCidr, parseIp, type Cidr } from './ip.js';
import type { BaseOperator, Comparison, ConditionClause } from './policy-types.js';

/** A policy value prepared for its family; null when a policy variable in it could not be resolved. */
type Compiled =
  | { kind: 'text'; text: string }
  | { kind: 'glob'; pattern: Pattern }
  | { kind: 'arn'; parts: Pattern[] }
  | { kind: 'number'; n: number | undefined }
  | { kind: 'ip'; range: Cidr | undefined }
  | { kind: 'bytes'; b64: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(s: string): number | undefined {
  return NUMBER.test(s.trim()) ? Number(s) : undefined;
}

/** ISO 8601 (extended or basic, offset optional = UTC) or epoch seconds, as milliseconds. */
export function parseDate(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(t);
  let iso = basic ? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}Z` : t;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return undefined;
  if (/T[\d:.]+$/.test(iso)) iso += 'Z';
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function normBase64(s: string): string {
  return Buffer.from(s.trim(), 'base64').toString('base64');
}

function compile(base: BaseOperator, value: string, ctx: EvalContext | null): Compiled | null {
  switch (base.family) {
    case 'String':
    case 'StringIgnoreCase':
    case 'StringLike': {
      const p = expand(value, ctx);
      if (!p) return null;
      if (base.family === 'StringLike') return { kind: 'glob', pattern: p };
      const text = patternText(p);
      return { kind: 'text', text: base.family === 'StringIgnoreCase' ? text.toLowerCase() : text };
    }
    case 'Arn': {
      const p = expand(value, ctx);
      return p ? { kind: 'arn', parts: splitPattern(p, ':', 5) } : null;
    }
    case 'Numeric':
      return { kind: 'number', n: parseNumber(value) };
    case 'Date':
      return { kind: 'number', n: parseDate(value) };
    case 'Bool':
      return { kind: 'text', text: value.trim().toLowerCase() };
    case 'Binary':
      return { kind: 'bytes', b64: normBase64(value) };
    case 'Ip':
      return { kind: 'ip', range: parseCidr(value) };
    case 'Null':
      return { kind: 'text', text: value };
  }
}

function ordered(a: number, b: number, cmp: Comparison): boolean {
  switch (cmp) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/** The request value prepared for the family; undefined when it cannot be compared at all. */
function requestValue(base: BaseOperator, r: string): string | number | string[] | Uint8Array | undefined {
  switch (base.family) {
    case 'Numeric':
      return parseNumber(r);
    case 'Date':
      return parseDate(r);
    case 'StringIgnoreCase':
    case 'Bool':
      return base.family === 'Bool' ? r.trim().toLowerCase() : r.toLowerCase();
    case 'Binary':
      return normBase64(r);
    case 'Ip':
      return parseIp(r);
    case 'Arn': {
      const parts = r.split(':');
      return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
    }
    default:
      return r;
  }
}

/** The positive comparison (the negation is applied by the caller). */
function positive(base: BaseOperator, r: string | number | string[] | Uint8Array, p: Compiled): boolean {
  switch (p.kind) {
    case 'text':
      return r === p.text;
    case 'glob':
      return globMatch(p.pattern, r as string);
    case 'number':
      return p.n !== undefined && ordered(r as number, p.n, base.comparison);
    case 'bytes':
      return r === p.b64;
    case 'ip':
      return p.range !== undefined && inCidr(r as Uint8Array, p.range);
    case 'arn': {
      const req = r as string[];
      return p.parts.length === 6 && p.parts.every((part, i) => globMatch(part, req[i]));
    }
  }
}

/** Values without variables compile once per clause (parsed policies are long-lived; the request is not). */
const compiledCache = new WeakMap<ConditionClause, readonly (Compiled | null)[]>();

function compiledValues(c: ConditionClause, varCtx: EvalContext | null): readonly (Compiled | null)[] {
  const dependsOnRequest = varCtx !== null && c.values.some((v) => v.includes('${'));
  if (dependsOnRequest) return c.values.map((v) => compile(c.base, v, varCtx));
  let cached = compiledCache.get(c);
  if (!cached) {
    cached = c.values.map((v) => compile(c.base, v, null));
    compiledCache.set(c, cached);
  }
  return cached;
}

/** Whether one condition clause holds for the request. `substitute` is false for pre-2012-10-17 policies. */
export function conditionHolds(c: ConditionClause, ctx: EvalContext, substitute: boolean): boolean {
  const request = ctx.get(c.key);
  const absent = request === undefined || request.length === 0;
  if (c.base.family === 'Null') return c.values.some((v) => (v === 'true') === absent);
  if (absent) {
    if (c.ifExists || c.qualifier === 'ForAllValues') return true;
    if (c.qualifier === 'ForAnyValue') return false;
    return c.base.negated;
  }
  const policy = compiledValues(c, substitute && c.base.variables ? ctx : null);
  // An unresolvable variable invalidates the condition outright for negated operators: "matches none of"
  // an unknown value must not quietly become true.
  if (c.base.negated && policy.includes(null)) return false;
  const holdsFor = (raw: string): boolean => {
    const r = requestValue(c.base, raw);
    if (r === undefined) return false;
    const any = policy.some((p) => p !== null && positive(c.base, r, p));
    return c.base.negated ? !any : any;
  };
  if (c.qualifier === 'ForAllValues') return request.every(holdsFor);
  if (c.qualifier === 'ForAnyValue') return request.some(holdsFor);
  // A plain operator on a multivalued key: positive operators need one matching value, negated ones need
  // every value to match none of the policy values.
  return c.base.negated ? request.every(holdsFor) : request.some(holdsFor);
}
