/**
 * The request context as the evaluator sees it: condition keys looked up case-insensitively (AWS: key names
 * are case-insensitive), every value as a list of strings. Also records which keys a policy asked for and
 * did not find, for SimulateCustomPolicy's MissingContextValues.
 * Never invents values (no clock here: callers put aws:CurrentTime in the context themselves).
 */

export type ContextValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;
export type RequestContext = Readonly<Record<string, ContextValue>>;

function asString(v: string | number | boolean): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : v ? 'true' : 'false';
}

export class EvalContext {
  private readonly values = new Map<string, readonly string[]>();
  /** Keys (as the policy wrote them) that a condition or variable needed and the context lacked. */
  readonly missing = new Set<string>();

  constructor(context: RequestContext = {}) {
    for (const [key, raw] of Object.entries(context)) {
      if (raw === undefined) continue;
      const k = key.toLowerCase();
      if (Array.isArray(raw)) {
        this.values.set(k, (raw as readonly (string | number | boolean)[]).map(asString));
      } else {
        this.values.set(k, [asString(raw as string | number | boolean)]);
      }
    }
  }

  /** The key's values, or undefined when the request carries no such key. */
  get(key: string): readonly string[] | undefined {
    const v = this.values.get(key.toLowerCase());
    if (v === undefined) this.missing.add(key);
    return v;
  }

  /** A key usable as a policy variable: present and single-valued (AWS: multivalued keys cannot be variables). */
  variable(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined || v.length !== 1) return undefined;
    return v[0];
  }
}
