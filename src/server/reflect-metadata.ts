/**
 * The few Reflect metadata functions @peculiar/x509's dependency injection (tsyringe) asks for at load time,
 * so the TLS module needs no `reflect-metadata` package. Import it before @peculiar/x509. It only adds
 * functions that are missing and keeps metadata in a WeakMap per target; nothing else may rely on it.
 */
type Key = string | symbol;
const store = new WeakMap<object, Map<Key | undefined, Map<unknown, unknown>>>();
const R = Reflect as unknown as Record<string, unknown>;

function table(target: object, prop: Key | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp && create) store.set(target, (byProp = new Map()));
  let t = byProp?.get(prop);
  if (!t && create && byProp) byProp.set(prop, (t = new Map()));
  return t;
}

if (typeof R.getMetadata !== 'function') {
  const getOwn = (k: unknown, target: object, prop?: Key) => table(target, prop, false)?.get(k);
  const get = (k: unknown, target: object, prop?: Key): unknown => {
    for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
      const t = table(o, prop, false);
      if (t?.has(k)) return t.get(k);
    }
    return undefined;
  };
  R.defineMetadata = (k: unknown, v: unknown, target: object, prop?: Key) => void table(target, prop, true)!.set(k, v);
  R.getOwnMetadata = getOwn;
  R.getMetadata = get;
  R.hasOwnMetadata = (k: unknown, target: object, prop?: Key) => table(target, prop, false)?.has(k) ?? false;
  R.hasMetadata = (k: unknown, target: object, prop?: Key) => get(k, target, prop) !== undefined;
  R.metadata = (k: unknown, v: unknown) => (target: object, prop?: Key) => void table(target, prop, true)!.set(k, v);
}
export {};
