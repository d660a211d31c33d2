/**
 * Parses and validates an IAM policy document (JSON text or an already-decoded object) into the normalised
 * form of policy-types.ts. Every rejection is a MalformedPolicyDocumentError whose message names the element
 * and statement at fault, so the IAM/STS wire layer can answer `MalformedPolicyDocument` with it.
 * Pure: no I/O, never evaluates anything, never mutates its input.
 */
import {
  BASE_OPERATORS,
  type ConditionClause,
  type Effect,
  type Policy,
  type PolicyKind,
  type PolicyVersion,
  type PrincipalSpec,
  type PrincipalType,
  type SetQualifier,
  type Statement,
} from './policy-types.js';

export class MalformedPolicyDocumentError extends Error {
  override readonly name = 'MalformedPolicyDocumentError';
  constructor(message: string) {
    super(message);
  }
}

export interface ParseOptions {
  /** `identity`: no Principal, Resource required. `resource`: Principal and Resource required.
   *  `trust`: Principal required, Resource prohibited. `any` (default): only the shared rules. */
  readonly kind?: PolicyKind;
}

const VERSIONS: readonly PolicyVersion[] = ['2012-10-17', '2008-10-17'];
const TOP_FIELDS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Federated', 'Service', 'CanonicalUser'];

/** Policies that came out of parsePolicy, so evaluate() can accept them without parsing again. */
const parsed = new WeakSet<object>();

export function isParsedPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && parsed.has(value);
}

function fail(message: string): never {
  throw new MalformedPolicyDocumentError(message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string or a non-empty array of strings, as Action/Resource/principal values are written. */
function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(`${where} must not be an empty list`);
  for (const item of list) if (typeof item !== 'string' || item.length === 0) fail(`${where} must be a non-empty string or a list of them`);
  return list as string[];
}

function parseAction(value: unknown, where: string): string[] {
  const actions = stringList(value, where);
  for (const a of actions) {
    if (a === '*') continue;
    const colon = a.indexOf(':');
    if (colon <= 0 || colon === a.length - 1) fail(`${where}: '${a}' must be '*' or 'service:action' (prefixed by a service, e.g. s3:GetObject)`);
    if (/\s/.test(a)) fail(`${where}: '${a}' must not contain whitespace`);
  }
  return actions;
}

function parseResource(value: unknown, where: string): string[] {
  const resources = stringList(value, where);
  for (const r of resources) {
    if (r === '*') continue;
    if (!r.startsWith('arn:') || r.split(':').length < 3) fail(`${where}: '${r}' must be '*' or an ARN (arn:partition:service:region:account:resource)`);
  }
  return resources;
}

function parsePrincipal(value: unknown, where: string): PrincipalSpec {
  if (value === '*') return '*';
  if (!isObject(value)) fail(`${where} must be "*" or an object keyed by AWS, Federated, Service or CanonicalUser`);
  const keys = Object.keys(value);
  if (keys.length === 0) fail(`${where} must name at least one principal`);
  const spec: { [K in PrincipalType]?: string[] } = {};
  for (const key of keys) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(key)) fail(`${where}: unknown principal type '${key}' (expected AWS, Federated, Service or CanonicalUser)`);
    const ids = stringList(value[key], `${where}.${key}`);
    for (const id of ids) {
      // AWS allows "*" alone; a partial wildcard in a principal is refused ("Invalid principal in policy").
      if (id !== '*' && /[*?]/.test(id)) fail(`${where}.${key}: '${id}' is not a valid principal (wildcards are allowed only as "*")`);
      if (key === 'AWS' && id !== '*' && !/^\d{12}$/.test(id) && !/^arn:[^:]+:(iam|sts)::\d{12}:.+/.test(id)) {
        fail(`${where}.AWS: '${id}' is not a valid principal (expected "*", an account id or an IAM/STS ARN)`);
      }
    }
    spec[key as PrincipalType] = ids;
  }
  return spec;
}

/** `[ForAnyValue:|ForAllValues:]Base[IfExists]`, exactly as AWS spells the names. */
function parseOperator(operator: string, where: string): Pick<ConditionClause, 'base' | 'qualifier' | 'ifExists'> {
  let rest = operator;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    if (q !== 'ForAnyValue' && q !== 'ForAllValues') fail(`${where}: unknown condition set qualifier '${q}' in '${operator}' (expected ForAnyValue or ForAllValues)`);
    qualifier = q;
    rest = rest.slice(colon + 1);
  }
  const lookup = (name: string) => (Object.hasOwn(BASE_OPERATORS, name) ? BASE_OPERATORS[name] : undefined);
  let base = lookup(rest);
  let ifExists = false;
  if (!base && rest.endsWith('IfExists')) {
    base = lookup(rest.slice(0, -'IfExists'.length));
    ifExists = true;
    if (base?.family === 'Null') fail(`${where}: the Null operator cannot take the IfExists suffix`);
  }
  if (!base) fail(`${where}: Unknown condition operator '${operator}'`);
  return { base, qualifier, ifExists };
}

function conditionValues(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(`${where} must not be an empty list`);
  return list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return fail(`${where} values must be strings, numbers or booleans`);
  });
}

function parseCondition(value: unknown, at: string): ConditionClause[] {
  const where = `${at}.Condition`;
  if (!isObject(value)) fail(`${where} must be an object of {operator: {key: value(s)}}`);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const parsedOp = parseOperator(operator, at);
    if (!isObject(block) || Object.keys(block).length === 0) fail(`${where}.${operator} must be a non-empty object of {key: value(s)}`);
    for (const [key, raw] of Object.entries(block)) {
      if (key.length === 0) fail(`${where}.${operator} has an empty condition key`);
      const values = conditionValues(raw, `${where}.${operator}.${key}`);
      if (parsedOp.base.family === 'Null' && values.some((v) => v !== 'true' && v !== 'false')) {
        fail(`${where}.${operator}.${key}: Null takes "true" or "false"`);
      }
      clauses.push({ operator, key, values, ...parsedOp });
    }
  }
  return clauses;
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind, label: string): Statement {
  const at = `Statement[${index}]`;
  if (!isObject(raw)) fail(`${at} must be an object`);
  for (const field of Object.keys(raw)) if (!STATEMENT_FIELDS.has(field)) fail(`${at}: unknown field '${field}'`);
  const has = (f: string) => Object.hasOwn(raw, f);
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') fail(`${at}: Sid must be a string`);
  if (!has('Effect')) fail(`${at}: missing Effect`);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') fail(`${at}: Effect must be Allow or Deny`);
  if (has('Action') && has('NotAction')) fail(`${at}: has both Action and NotAction`);
  if (!has('Action') && !has('NotAction')) fail(`${at}: missing Action or NotAction`);
  if (has('Resource') && has('NotResource')) fail(`${at}: has both Resource and NotResource`);
  if (has('Principal') && has('NotPrincipal')) fail(`${at}: has both Principal and NotPrincipal`);
  const hasResource = has('Resource') || has('NotResource');
  const hasPrincipal = has('Principal') || has('NotPrincipal');
  if (kind === 'identity' && hasPrincipal) fail(`${at}: ${label} must not specify a Principal`);
  if ((kind === 'identity' || kind === 'resource') && !hasResource) fail(`${at}: missing Resource or NotResource`);
  if ((kind === 'resource' || kind === 'trust') && !hasPrincipal) fail(`${at}: missing Principal or NotPrincipal`);
  if (kind === 'trust' && hasResource) fail(`${at}: a trust policy must not specify Resource or NotResource`);
  return {
    index,
    sid: raw.Sid as string | undefined,
    effect: raw.Effect as Effect,
    action: has('Action') ? parseAction(raw.Action, `${at}.Action`) : undefined,
    notAction: has('NotAction') ? parseAction(raw.NotAction, `${at}.NotAction`) : undefined,
    resource: has('Resource') ? parseResource(raw.Resource, `${at}.Resource`) : undefined,
    notResource: has('NotResource') ? parseResource(raw.NotResource, `${at}.NotResource`) : undefined,
    principal: has('Principal') ? parsePrincipal(raw.Principal, `${at}.Principal`) : undefined,
    notPrincipal: has('NotPrincipal') ? parsePrincipal(raw.NotPrincipal, `${at}.NotPrincipal`) : undefined,
    conditions: has('Condition') ? parseCondition(raw.Condition, at) : [],
  };
}

/** Parses a policy document; throws MalformedPolicyDocumentError naming the first problem found. */
export function parsePolicy(document: string | object, options: ParseOptions = {}): Policy {
  if (isParsedPolicy(document)) return document;
  const kind = options.kind ?? 'any';
  let doc: unknown = document;
  if (typeof document === 'string') {
    try {
      doc = JSON.parse(document);
    } catch (e) {
      fail(`Syntax errors in policy: ${(e as Error).message}`);
    }
  }
  if (!isObject(doc)) fail('The policy document must be a JSON object');
  for (const field of Object.keys(doc)) if (!TOP_FIELDS.has(field)) fail(`Unknown field '${field}' (expected Version, Id, Statement)`);
  if (doc.Version !== undefined && !VERSIONS.includes(doc.Version as PolicyVersion)) fail('Version must be "2012-10-17" or "2008-10-17"');
  if (doc.Id !== undefined && typeof doc.Id !== 'string') fail('Id must be a string');
  if (doc.Statement === undefined) fail('missing Statement');
  const rawStatements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (rawStatements.length === 0) fail('Statement must not be empty');
  const label = kind === 'identity' ? 'an identity-based policy' : 'this policy';
  const statements = rawStatements.map((s, i) => parseStatement(s, i, kind, label));
  const sids = new Set<string>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === '') continue;
    if (sids.has(s.sid)) fail(`Statement[${s.index}]: duplicate Sid '${s.sid}' (statement ids must be unique)`);
    sids.add(s.sid);
  }
  const version = doc.Version as PolicyVersion | undefined;
  const policy: Policy = { version, id: doc.Id as string | undefined, statements, substitutesVariables: version === '2012-10-17' };
  parsed.add(policy);
  return policy;
}
