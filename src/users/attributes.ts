/**
 * User attributes against the pool schema: which names exist (standard, custom:, dev:), their types and
 * constraints, which are required and mutable, and what an app client may read or write. Every message is
 * Cognito's own wording ("Attributes did not conform to the schema: …"). This module never touches the store.
 */
import { errors } from '../errors.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';

export const STANDARD = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name', 'nickname',
  'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
] as const;
const VERIFIED_FLAGS = ['email_verified', 'phone_number_verified'];
const SYSTEM = ['sub', 'identities', ...VERIFIED_FLAGS];
export const MAX_VALUE = 2048;

export interface SchemaAttr {
  Name: string;
  AttributeDataType?: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute?: boolean;
  Mutable?: boolean;
  Required?: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export type AttrInput = ReadonlyArray<{ Name: string; Value?: string }>;

/** The pool's schema by full attribute name (custom ones as `custom:x` / `dev:x`). */
export function poolSchema(pool: UserPool): Map<string, SchemaAttr> {
  const m = new Map<string, SchemaAttr>();
  for (const n of [...STANDARD, ...SYSTEM]) {
    m.set(n, { Name: n, AttributeDataType: VERIFIED_FLAGS.includes(n) ? 'Boolean' : n === 'updated_at' ? 'Number' : 'String', Mutable: n !== 'sub' });
  }
  for (const a of (pool.config.SchemaAttributes ?? []) as SchemaAttr[]) {
    if (!a?.Name) continue;
    let name = a.Name;
    const known = m.has(name) || name.startsWith('custom:') || name.startsWith('dev:');
    if (!known) name = `${a.DeveloperOnlyAttribute ? 'dev' : 'custom'}:${name}`;
    m.set(name, { ...m.get(name), ...a, Name: name });
  }
  return m;
}

const schemaError = (detail: string) => errors.invalidParameter(`Attributes did not conform to the schema: ${detail}`);

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+[0-9]{4,17}$/;
export const looksLikeEmail = (s: string) => EMAIL.test(s);
export const looksLikePhone = (s: string) => PHONE.test(s);

/** Checks names, types, constraints and sizes; returns the map of name → value (duplicates: last wins). */
export function checkAttributes(pool: UserPool, input: AttrInput, opts: { creating: boolean; admin: boolean }): Record<string, string> {
  const schema = poolSchema(pool);
  const out: Record<string, string> = {};
  for (const { Name, Value } of input) {
    const def = schema.get(Name);
    if (!def) throw schemaError(`Type for attribute {${Name}} could not be determined`);
    const v = Value ?? '';
    // `identities` is written only by federation: a writable one would let anyone forge the identities claim.
    if (Name === 'sub' || Name === 'identities') throw schemaError(`${Name}: Attribute cannot be updated. (changing an immutable attribute)`);
    if (Name.startsWith('dev:') && !opts.admin) throw errors.notAuthorized('A client attempted to write unauthorized attribute');
    if (!opts.creating && def.Mutable === false) throw errors.invalidParameter(`Cannot modify the non-mutable attribute ${Name}`);
    if (v.length > MAX_VALUE) throw schemaError(`${Name}: String must be no longer than ${MAX_VALUE} characters`);
    checkType(Name, v, def);
    out[Name] = v;
  }
  return out;
}

/** One value against its schema entry (type, format, constraints); throws InvalidParameterException. */
export function checkType(name: string, v: string, def: SchemaAttr): void {
  if (name === 'email' && v !== '' && !looksLikeEmail(v)) throw errors.invalidParameter('Invalid email address format.');
  if (name === 'phone_number' && v !== '' && !looksLikePhone(v)) throw errors.invalidParameter('Invalid phone number format.');
  switch (def.AttributeDataType) {
    case 'Boolean':
      if (v !== 'true' && v !== 'false') throw schemaError(`${name}: Value must be either true or false`);
      break;
    case 'Number': {
      if (v === '' || !/^-?\d+(\.\d+)?$/.test(v)) throw schemaError(`${name}: Number must be a valid number`);
      const n = Number(v);
      const c = def.NumberAttributeConstraints;
      if (c?.MinValue !== undefined && n < Number(c.MinValue)) throw schemaError(`${name}: Number must be greater than or equal to ${c.MinValue}`);
      if (c?.MaxValue !== undefined && n > Number(c.MaxValue)) throw schemaError(`${name}: Number must be less than or equal to ${c.MaxValue}`);
      break;
    }
    case 'DateTime':
      if (Number.isNaN(Date.parse(v))) throw schemaError(`${name}: Value must be a valid date`);
      break;
    default: {
      const c = def.StringAttributeConstraints;
      if (c?.MinLength !== undefined && v.length < Number(c.MinLength)) throw schemaError(`${name}: String must be no shorter than ${c.MinLength} characters`);
      if (c?.MaxLength !== undefined && v.length > Number(c.MaxLength)) throw schemaError(`${name}: String must be no longer than ${c.MaxLength} characters`);
    }
  }
}

/** Required standard attributes missing from the final map. */
export function checkRequired(pool: UserPool, attrs: Readonly<Record<string, string>>): void {
  for (const def of poolSchema(pool).values()) {
    if (def.Required && def.Name !== 'sub' && !attrs[def.Name]) throw schemaError(`${def.Name}: The attribute is required`);
  }
}

/** The names a required attribute blocks from deletion. */
export function isRequired(pool: UserPool, name: string): boolean {
  return poolSchema(pool).get(name)?.Required === true;
}

/** Client WriteAttributes: unset = every attribute except the verified flags and dev: attributes. */
export function checkClientWrite(client: PoolClient, names: Iterable<string>): void {
  const allowed: string[] | undefined = client.config.WriteAttributes;
  for (const n of names) {
    const ok = allowed && allowed.length > 0 ? allowed.includes(n) : !VERIFIED_FLAGS.includes(n) && !n.startsWith('dev:');
    if (!ok) throw errors.notAuthorized('A client attempted to write unauthorized attribute');
  }
}

/** Client ReadAttributes as a predicate: unset = everything except dev: attributes. `sub` is always readable. */
export function clientReads(client: PoolClient | undefined): (name: string) => boolean {
  const allowed: string[] | undefined = client?.config.ReadAttributes;
  if (!allowed || allowed.length === 0) return (n) => !n.startsWith('dev:');
  const set = new Set(allowed);
  return (n) => n === 'sub' || set.has(n);
}

export const VERIFIABLE = ['email', 'phone_number'] as const;
export type Verifiable = (typeof VERIFIABLE)[number];
export const verifiedFlag = (a: Verifiable) => `${a}_verified` as const;
