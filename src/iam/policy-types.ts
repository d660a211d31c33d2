/**
 * The parsed form of an IAM policy document, shared by the parser, the evaluator and the simulator.
 * Plain readonly data: values are normalised to string arrays so the evaluator never re-checks JSON shapes.
 * This module must never hold logic beyond the operator table; parsing lives in policy-parse.ts.
 */

export type PolicyVersion = '2012-10-17' | '2008-10-17';
export type Effect = 'Allow' | 'Deny';
export type PrincipalType = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

/** `"*"` or a map of principal type → identifiers. */
export type PrincipalSpec = '*' | { readonly [K in PrincipalType]?: readonly string[] };

/** The family decides how a request value and a policy value are compared. */
export type OperatorFamily = 'String' | 'StringIgnoreCase' | 'StringLike' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';
export type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

export interface BaseOperator {
  readonly family: OperatorFamily;
  readonly comparison: Comparison;
  /** Negated operators hold when the request value matches none of the policy values. */
  readonly negated: boolean;
  /** Only string and ARN comparisons take policy variables in their values (AWS "policy variables"). */
  readonly variables: boolean;
}

const op = (family: OperatorFamily, comparison: Comparison = 'eq', negated = false): BaseOperator => ({
  family,
  comparison,
  negated,
  variables: family === 'String' || family === 'StringIgnoreCase' || family === 'StringLike' || family === 'Arn',
});

/** Every base condition operator AWS documents, by its exact (case-sensitive) name. */
export const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: op('String'),
  StringNotEquals: op('String', 'eq', true),
  StringEqualsIgnoreCase: op('StringIgnoreCase'),
  StringNotEqualsIgnoreCase: op('StringIgnoreCase', 'eq', true),
  StringLike: op('StringLike'),
  StringNotLike: op('StringLike', 'eq', true),
  NumericEquals: op('Numeric'),
  NumericNotEquals: op('Numeric', 'eq', true),
  NumericLessThan: op('Numeric', 'lt'),
  NumericLessThanEquals: op('Numeric', 'le'),
  NumericGreaterThan: op('Numeric', 'gt'),
  NumericGreaterThanEquals: op('Numeric', 'ge'),
  DateEquals: op('Date'),
  DateNotEquals: op('Date', 'eq', true),
  DateLessThan: op('Date', 'lt'),
  DateLessThanEquals: op('Date', 'le'),
  DateGreaterThan: op('Date', 'gt'),
  DateGreaterThanEquals: op('Date', 'ge'),
  Bool: op('Bool'),
  BinaryEquals: op('Binary'),
  IpAddress: op('Ip'),
  NotIpAddress: op('Ip', 'eq', true),
  ArnEquals: op('Arn'),
  ArnNotEquals: op('Arn', 'eq', true),
  ArnLike: op('Arn'),
  ArnNotLike: op('Arn', 'eq', true),
  Null: op('Null'),
};

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** One `"Operator": { "key": values }` pair, flattened: a statement's conditions are all ANDed. */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly base: BaseOperator;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  /** Position in the document's Statement array (0 when Statement is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ConditionClause[];
}

export interface Policy {
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** True only for Version 2012-10-17: `${…}` is substituted; otherwise it is literal text. */
  readonly substitutesVariables: boolean;
}

/** Which element rules apply: identity policies carry no Principal, trust policies no Resource. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'any';
