/**
 * The pool's attribute schema as Cognito describes it: the standard set every pool has (in Cognito's order and
 * with its constraints), merged with the pool's own `Schema`, and custom attributes stored under their full
 * names (`custom:x`, `dev:custom:x` for developer-only ones). Rules here are Cognito's: custom attributes cannot
 * be required, at most 50 of them, names are unique, standard attributes keep their type.
 */
import { errors } from '../errors.js';
import type { SchemaAttributeInput } from './shapes.js';

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

export const MAX_CUSTOM_ATTRIBUTES = 50;

const text = (name: string, min = '0', max = '2048'): SchemaAttribute => ({
  Name: name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required: false,
  StringAttributeConstraints: { MinLength: min, MaxLength: max },
});
const flag = (name: string): SchemaAttribute => ({ Name: name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });

/** Cognito's standard attributes, in the order DescribeUserPool lists them. */
export function standardSchema(): SchemaAttribute[] {
  return [
    { ...text('sub', '1'), Mutable: false, Required: true },
    text('name'), text('given_name'), text('family_name'), text('middle_name'), text('nickname'), text('preferred_username'),
    text('profile'), text('picture'), text('website'), text('email'), flag('email_verified'), text('gender'),
    text('birthdate', '10', '10'), text('zoneinfo'), text('locale'), text('phone_number'), flag('phone_number_verified'),
    text('address'),
    { Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } },
  ];
}

const STANDARD_NAMES = new Set(standardSchema().map((a) => a.Name));

export const isCustom = (name: string) => name.startsWith('custom:') || name.startsWith('dev:');
export const customCount = (attrs: readonly SchemaAttribute[]) => attrs.filter((a) => isCustom(a.Name)).length;

function checkConstraints(a: SchemaAttributeInput): void {
  const nums = [a.StringAttributeConstraints?.MinLength, a.StringAttributeConstraints?.MaxLength, a.NumberAttributeConstraints?.MinValue, a.NumberAttributeConstraints?.MaxValue];
  for (const v of nums) {
    if (v !== undefined && !/^-?\d+$/.test(v)) throw errors.invalidParameter(`Invalid constraint value '${v}' for attribute ${a.Name}: constraints must be integers written as strings.`);
  }
  const s = a.StringAttributeConstraints;
  if (s?.MinLength !== undefined && s.MaxLength !== undefined && Number(s.MinLength) > Number(s.MaxLength)) {
    throw errors.invalidParameter(`Invalid StringAttributeConstraints for attribute ${a.Name}: MinLength is greater than MaxLength.`);
  }
  const n = a.NumberAttributeConstraints;
  if (n?.MinValue !== undefined && n.MaxValue !== undefined && Number(n.MinValue) > Number(n.MaxValue)) {
    throw errors.invalidParameter(`Invalid NumberAttributeConstraints for attribute ${a.Name}: MinValue is greater than MaxValue.`);
  }
}

/** A custom attribute definition as stored, from its declaration (name without prefix). */
export function customAttribute(a: SchemaAttributeInput): SchemaAttribute {
  if (a.Required) throw errors.invalidParameter('Required custom attributes are not supported currently.');
  checkConstraints(a);
  const type = a.AttributeDataType ?? 'String';
  const out: SchemaAttribute = {
    Name: `${a.DeveloperOnlyAttribute ? 'dev:' : ''}custom:${a.Name}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: a.DeveloperOnlyAttribute ?? false,
    Mutable: a.Mutable ?? true,
    Required: false,
  };
  if (type === 'String' || type === 'DateTime') out.StringAttributeConstraints = { ...(a.StringAttributeConstraints ?? {}) };
  if (type === 'Number') out.NumberAttributeConstraints = { ...(a.NumberAttributeConstraints ?? {}) };
  return out;
}

/** The full schema of a new pool: the standard set, overridden by the declared standard members, then custom ones. */
export function buildSchema(declared: readonly SchemaAttributeInput[] | undefined): SchemaAttribute[] {
  const attrs = standardSchema();
  const seen = new Set<string>();
  for (const a of declared ?? []) {
    if (seen.has(a.Name)) throw errors.invalidParameter(`Duplicate attribute name ${a.Name} in Schema.`);
    seen.add(a.Name);
    if (STANDARD_NAMES.has(a.Name)) {
      const i = attrs.findIndex((x) => x.Name === a.Name);
      const base = attrs[i]!;
      if (a.AttributeDataType && a.AttributeDataType !== base.AttributeDataType) {
        throw errors.invalidParameter(`${a.Name}: the data type of a standard attribute cannot be changed (it is ${base.AttributeDataType}).`);
      }
      if (a.Name === 'sub' && (a.Mutable === true || a.Required === false)) throw errors.invalidParameter('sub: the sub attribute is required and immutable.');
      if (a.DeveloperOnlyAttribute) throw errors.invalidParameter(`${a.Name}: a standard attribute cannot be developer-only.`);
      checkConstraints(a);
      attrs[i] = {
        ...base,
        Mutable: a.Mutable ?? base.Mutable,
        Required: a.Required ?? base.Required,
        ...(a.StringAttributeConstraints ? { StringAttributeConstraints: { ...base.StringAttributeConstraints, ...a.StringAttributeConstraints } } : {}),
        ...(a.NumberAttributeConstraints ? { NumberAttributeConstraints: { ...base.NumberAttributeConstraints, ...a.NumberAttributeConstraints } } : {}),
      };
    } else {
      attrs.push(customAttribute(a));
    }
  }
  if (customCount(attrs) > MAX_CUSTOM_ATTRIBUTES) throw errors.invalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  return attrs;
}

/** The schema with further custom attributes added (AddCustomAttributes). */
export function addCustomAttributes(current: readonly SchemaAttribute[], added: readonly SchemaAttributeInput[]): SchemaAttribute[] {
  const out = [...current];
  const names = new Set(current.map((a) => a.Name));
  for (const a of added) {
    const attr = customAttribute(a);
    const plain = `custom:${a.Name}`;
    if (names.has(plain) || names.has(`dev:${plain}`)) throw errors.invalidParameter(`${plain}: Existing attribute already has name ${plain}.`);
    names.add(attr.Name);
    out.push(attr);
  }
  if (customCount(out) > MAX_CUSTOM_ATTRIBUTES) throw errors.invalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  return out;
}

/** Attribute names a client may list in ReadAttributes / WriteAttributes. */
export function attributeNames(attrs: readonly SchemaAttribute[]): Set<string> {
  return new Set(attrs.map((a) => a.Name));
}
