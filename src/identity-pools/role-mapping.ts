/**
 * Which role an identity gets (GetCredentialsForIdentity step "choose the role"): the unauthenticated role for
 * guests; for a login, the pool's role mapping for that provider — Token (`cognito:preferred_role` /
 * `cognito:roles` from the ID token) or Rules (claim, match type, value; first match wins) — else the default
 * authenticated role; ambiguity resolves to the authenticated role or is refused (Deny). A CustomRoleArn is
 * honoured only when the mapping would allow that role. Pure: no I/O, throws the ServiceErrors Cognito returns.
 */
import { errors } from '../errors.js';
import { identityErrors } from './errors.js';
import type { MappingRule, RoleMapping } from './types.js';

export interface RoleChoiceInput {
  readonly authenticated: boolean;
  readonly roles: Readonly<Record<string, string>>;
  /** The mapping configured for the login's provider key, if any. */
  readonly mapping?: RoleMapping;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly customRoleArn?: string;
}

/** A claim's values as strings (a list claim such as cognito:groups has several), or undefined when absent. */
export function claimValues(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  if (typeof v === 'object') return [JSON.stringify(v)];
  return [String(v)];
}

export function ruleMatches(rule: MappingRule, claims: Readonly<Record<string, unknown>>): boolean {
  const values = claimValues(claims[rule.Claim]);
  if (values === undefined) return false;
  switch (rule.MatchType) {
    case 'Equals':
      return values.some((x) => x === rule.Value);
    case 'Contains':
      return values.some((x) => x.includes(rule.Value));
    case 'StartsWith':
      return values.some((x) => x.startsWith(rule.Value));
    case 'NotEqual':
      return values.every((x) => x !== rule.Value);
  }
}

const authenticatedRole = (roles: Readonly<Record<string, string>>): string => {
  const arn = roles.authenticated;
  if (!arn) throw identityErrors.invalidConfiguration();
  return arn;
};

function ambiguous(input: RoleChoiceInput, why: string): string {
  if (input.mapping?.AmbiguousRoleResolution === 'Deny') {
    throw errors.notAuthorized(`Ambiguous role resolution denied: ${why}, and the identity pool's AmbiguousRoleResolution is Deny.`);
  }
  return authenticatedRole(input.roles);
}

const customRefused = (arn: string) => errors.notAuthorized(`The CustomRoleArn '${arn}' is not a role this login may assume under the identity pool's role mapping.`);

function tokenRoles(claims: Readonly<Record<string, unknown>>): string[] {
  return claimValues(claims['cognito:roles']) ?? [];
}

export function chooseRole(input: RoleChoiceInput): string {
  if (!input.authenticated) {
    const arn = input.roles.unauthenticated;
    if (!arn) throw identityErrors.invalidConfiguration();
    return arn;
  }
  const m = input.mapping;
  if (!m) return authenticatedRole(input.roles);
  if (m.Type === 'Token') {
    const roles = tokenRoles(input.claims);
    if (input.customRoleArn !== undefined) {
      if (roles.includes(input.customRoleArn)) return input.customRoleArn;
      throw customRefused(input.customRoleArn);
    }
    const preferred = input.claims['cognito:preferred_role'];
    if (typeof preferred === 'string' && preferred !== '') return preferred;
    return ambiguous(input, roles.length === 0 ? 'the token carries no cognito:roles' : 'the token carries several cognito:roles and no cognito:preferred_role');
  }
  const rules = m.RulesConfiguration?.Rules ?? [];
  const matching = rules.filter((r) => ruleMatches(r, input.claims));
  if (input.customRoleArn !== undefined) {
    if (matching.some((r) => r.RoleARN === input.customRoleArn)) return input.customRoleArn;
    throw customRefused(input.customRoleArn);
  }
  if (matching.length > 0) return matching[0]!.RoleARN;
  return ambiguous(input, 'no role mapping rule matched the token');
}
