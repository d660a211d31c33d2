/**
 * What a user import CSV means: the header GetCSVHeader gives for a pool (every standard attribute, the pool's
 * custom attributes, `cognito:mfa_enabled`, `cognito:username`), checking a file's header against it, and
 * turning one record into a user row in RESET_REQUIRED (no password) with its sign-in aliases. Each record is
 * judged alone: a bad one yields a RowError with the reason, never an exception that ends the import. The
 * schema is looked up once per file, not per row. This module never touches the store.
 */
import { ServiceError } from '../errors.js';
import { ids } from '../crypto/random.js';
import type { UserPool } from '../user-pools/types.js';
import type { UserRow } from '../store/users-repo.js';
import { checkType, poolSchema, type SchemaAttr } from '../users/attributes.js';
import { resolveUsername } from '../users/create.js';
import { desiredAliases } from '../users/aliases.js';
import { searchColumns, usernameKey } from '../users/records.js';
import type { CsvRecord } from './csv.js';

export const STANDARD_COLUMNS = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at',
] as const;
const MFA = 'cognito:mfa_enabled';
const USERNAME = 'cognito:username';

/** A problem with one record: counted as a failed user, with this reason. */
export class RowError extends Error {}
/** A problem with the file as a whole (its header): the import fails before any user is written. */
export class FileError extends Error {}

/** GetCSVHeader: the columns a file for this pool must have, in Cognito's order. */
export function csvHeader(pool: UserPool): string[] {
  const custom = [...poolSchema(pool).keys()].filter((n) => n.startsWith('custom:') || n.startsWith('dev:'));
  return [...STANDARD_COLUMNS, ...custom, MFA, USERNAME];
}

export interface HeaderPlan {
  readonly pool: UserPool;
  readonly width: number;
  readonly usernameAt: number;
  readonly mfaAt: number;
  /** Attribute columns: index in the record, name, schema entry. */
  readonly attributes: ReadonlyArray<{ at: number; name: string; def: SchemaAttr }>;
  readonly required: readonly string[];
  readonly autoVerified: readonly string[];
}

/** Checks a file's header (any order, every column present, nothing unknown) and plans how to read rows. */
export function planHeader(pool: UserPool, header: readonly string[]): HeaderPlan {
  const names = header.map((h) => h.trim());
  const expected = csvHeader(pool);
  const unknown = names.filter((n) => !expected.includes(n));
  if (unknown.length) throw new FileError(`The CSV header has columns this user pool does not know: ${unknown.join(', ')}. GetCSVHeader lists the columns.`);
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length) throw new FileError(`The CSV header repeats columns: ${[...new Set(dup)].join(', ')}.`);
  const missing = expected.filter((n) => !names.includes(n));
  if (missing.length) throw new FileError(`The CSV header lacks columns: ${missing.join(', ')}. Every column GetCSVHeader lists must be present (values may be empty).`);
  const schema = poolSchema(pool);
  const attributes = names
    .map((name, at) => ({ at, name, def: schema.get(name)! }))
    .filter((c) => c.name !== MFA && c.name !== USERNAME);
  const required = [...schema.values()].filter((d) => d.Required && d.Name !== 'sub').map((d) => d.Name);
  return {
    pool,
    width: names.length,
    usernameAt: names.indexOf(USERNAME),
    mfaAt: names.indexOf(MFA),
    attributes,
    required,
    autoVerified: ((pool.config.AutoVerifiedAttributes ?? []) as string[]).filter((a) => a === 'email' || a === 'phone_number'),
  };
}

export interface PreparedUser {
  readonly line: number;
  /** The username as written in the file (for messages). */
  readonly given: string;
  readonly row: UserRow;
  /** alias key → attribute name */
  readonly aliases: ReadonlyMap<string, string>;
}

const reason = (e: unknown) => (e instanceof ServiceError ? e.message : e instanceof Error ? e.message : String(e));

/** One record → a user row, or RowError with the reason it cannot be imported. */
export function prepareRow(plan: HeaderPlan, rec: CsvRecord, now: number): PreparedUser {
  const f = rec.fields;
  if (f.length !== plan.width) throw new RowError(`the row has ${f.length} values; the header has ${plan.width} columns`);
  const given = f[plan.usernameAt]!;
  if (given === '') throw new RowError('cognito:username is empty');
  const mfaText = f[plan.mfaAt]!.toLowerCase();
  if (mfaText !== '' && mfaText !== 'true' && mfaText !== 'false') throw new RowError('cognito:mfa_enabled must be true or false');
  const attrs: Record<string, string> = {};
  for (const c of plan.attributes) {
    let v = f[c.at]!;
    if (v === '') continue;
    if (c.def.AttributeDataType === 'Boolean') v = v.toLowerCase();
    try {
      checkType(c.name, v, c.def);
    } catch (e) {
      throw new RowError(`${c.name}: ${reason(e)}`);
    }
    attrs[c.name] = v;
  }
  const sub = ids.uuid();
  let username: string;
  let all: Record<string, string>;
  try {
    ({ username, attrs: all } = resolveUsername(plan.pool, given, attrs, sub));
  } catch (e) {
    throw new RowError(`cognito:username: ${reason(e)}`);
  }
  for (const a of ['email', 'phone_number'] as const) {
    if (all[`${a}_verified`] === 'true' && !all[a]) throw new RowError(`${a}_verified is true but ${a} is empty`);
  }
  const verified = (a: string) => all[`${a}_verified`] === 'true';
  if (!verified('email') && !verified('phone_number')) {
    throw new RowError('the user needs a verified email or phone number (email_verified or phone_number_verified true) to reset its password');
  }
  if (plan.autoVerified.length === 1 && !verified(plan.autoVerified[0]!)) {
    throw new RowError(`${plan.autoVerified[0]}_verified must be true: it is the pool's only auto-verified attribute`);
  }
  for (const r of plan.required) if (!all[r]) throw new RowError(`${r}: The attribute is required`);
  const mfa = mfaText === 'true';
  if (mfa && !all.phone_number) throw new RowError('cognito:mfa_enabled is true but the user has no phone_number for SMS MFA');
  const row: UserRow = {
    pool_id: plan.pool.id,
    username_key: usernameKey(plan.pool, username),
    username,
    sub,
    status: 'RESET_REQUIRED',
    enabled: 1,
    attributes: JSON.stringify(all),
    password_hash: null,
    srp_enc: null,
    password_updated_at: null,
    temp_password_expires_at: null,
    tokens_valid_after: 0,
    mfa: mfa ? JSON.stringify({ enabled: ['SMS_MFA'], MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }) : '{}',
    ...searchColumns(all),
    created_at: now,
    updated_at: now,
  };
  return { line: rec.line, given, row, aliases: desiredAliases(plan.pool, all) };
}
