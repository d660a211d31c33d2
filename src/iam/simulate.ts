/**
 * IAM's SimulateCustomPolicy over our evaluator: every action × resource evaluated against the given policy
 * texts and context entries, answered in IAM's result shape (EvalDecision allowed / explicitDeny / implicitDeny,
 * MatchedStatements with SourcePolicyId and text positions, MissingContextValues).
 * Pure: no I/O. Malformed policies throw MalformedPolicyDocumentError naming the input list entry; bad
 * context entries throw SimulationInputError.
 */
import { evaluate, type Decision, type MatchedStatement } from './evaluate.js';
import { parseDate } from './conditions.js';
import { isIP } from 'node:net';
import type { ContextValue } from './context.js';
import { MalformedPolicyDocumentError, parsePolicy } from './policy-parse.js';
import { statementSpans, type StatementSpan, type TextPosition } from './policy-positions.js';
import type { Policy } from './policy-types.js';
import type { RequestPrincipal } from './principal.js';

export type ContextKeyType =
  | 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList'
  | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';

export interface ContextEntry {
  readonly ContextKeyName: string;
  readonly ContextKeyValues: readonly string[];
  readonly ContextKeyType: ContextKeyType;
}

export interface SimulateCustomPolicyInput {
  readonly policyInputList: readonly string[];
  readonly actionNames: readonly string[];
  /** Defaults to `["*"]`, as IAM does. */
  readonly resourceArns?: readonly string[];
  readonly contextEntries?: readonly ContextEntry[];
  readonly permissionsBoundaryPolicyInputList?: readonly string[];
  /** A resource-based or trust policy (its Principal is matched against callerArn). */
  readonly resourcePolicy?: string;
  /** The caller matched against the resource policy's Principal. */
  readonly callerArn?: string;
  /** Beyond IAM's API: a non-AWS caller (e.g. Federated cognito-identity.amazonaws.com for a trust policy). */
  readonly callerPrincipal?: RequestPrincipal;
}

export interface StatementReference {
  readonly SourcePolicyId: string;
  readonly SourcePolicyType: string;
  readonly StartPosition?: TextPosition;
  readonly EndPosition?: TextPosition;
}

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface SimulationResult {
  readonly EvalActionName: string;
  readonly EvalResourceName: string;
  readonly EvalDecision: EvalDecision;
  readonly MatchedStatements: readonly StatementReference[];
  readonly MissingContextValues: readonly string[];
}

export interface SimulateCustomPolicyOutput {
  readonly EvaluationResults: readonly SimulationResult[];
  readonly IsTruncated: false;
}

export class SimulationInputError extends Error {
  override readonly name = 'SimulationInputError';
}

const DECISIONS: Readonly<Record<Decision, EvalDecision>> = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' };

const VALIDATORS: Readonly<Record<string, (v: string) => boolean>> = {
  string: () => true,
  numeric: (v) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()),
  boolean: (v) => /^(true|false)$/i.test(v.trim()),
  ip: (v) => isIP(v.trim()) !== 0,
  binary: (v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v.trim()),
  date: (v) => parseDate(v) !== undefined,
};

/** IAM context entries → the evaluator's context (list types become arrays, so set operators see sets). */
export function contextFromEntries(entries: readonly ContextEntry[] = []): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const e of entries) {
    const list = e.ContextKeyType.endsWith('List');
    const type = list ? e.ContextKeyType.slice(0, -4) : e.ContextKeyType;
    const valid = VALIDATORS[type];
    if (!valid) throw new SimulationInputError(`ContextKeyType '${e.ContextKeyType}' is not one of string, numeric, boolean, ip, binary, date (or their List forms)`);
    if (!e.ContextKeyName) throw new SimulationInputError('ContextKeyName must not be empty');
    for (const v of e.ContextKeyValues) {
      if (!valid(v)) throw new SimulationInputError(`context key ${e.ContextKeyName}: '${v}' is not a valid ${type} value`);
    }
    if (!list && e.ContextKeyValues.length !== 1) {
      throw new SimulationInputError(`context key ${e.ContextKeyName} of type ${e.ContextKeyType} takes exactly one value (use ${e.ContextKeyType}List for several)`);
    }
    context[e.ContextKeyName] = list ? [...e.ContextKeyValues] : e.ContextKeyValues[0];
  }
  return context;
}

interface Source {
  readonly id: string;
  readonly type: string;
  readonly policy: Policy;
  readonly spans: readonly StatementSpan[];
}

function load(text: string, id: string, type: string, kind: 'identity' | 'any'): Source {
  try {
    return { id, type, policy: parsePolicy(text, { kind }), spans: statementSpans(text) };
  } catch (e) {
    if (e instanceof MalformedPolicyDocumentError) throw new MalformedPolicyDocumentError(`${id}: ${e.message}`);
    throw e;
  }
}

/** Evaluates every action against every resource, as IAM's SimulateCustomPolicy does. */
export function simulateCustomPolicy(input: SimulateCustomPolicyInput): SimulateCustomPolicyOutput {
  if (input.policyInputList.length === 0) throw new SimulationInputError('policyInputList must name at least one policy');
  if (input.actionNames.length === 0) throw new SimulationInputError('actionNames must name at least one action');
  const identity = input.policyInputList.map((t, i) => load(t, `PolicyInputList.${i + 1}`, 'IAM Policy', 'identity'));
  const boundary = (input.permissionsBoundaryPolicyInputList ?? []).map((t, i) =>
    load(t, `PermissionsBoundaryPolicyInputList.${i + 1}`, 'Permissions Boundary Policy', 'identity'),
  );
  const resource = input.resourcePolicy === undefined ? [] : [load(input.resourcePolicy, 'ResourcePolicy', 'Resource Policy', 'any')];
  const context = contextFromEntries(input.contextEntries);
  const layers = { identity, boundary, resource, session: [] as Source[] };
  const reference = (m: MatchedStatement): StatementReference => {
    const source = layers[m.layer][m.policyIndex];
    const span = source.spans[m.statementIndex];
    return { SourcePolicyId: source.id, SourcePolicyType: source.type, ...(span ? { StartPosition: span.start, EndPosition: span.end } : {}) };
  };
  const principal = input.callerPrincipal ?? (input.callerArn ? { type: 'AWS' as const, id: input.callerArn } : undefined);
  const results: SimulationResult[] = [];
  for (const action of input.actionNames) {
    for (const resourceArn of input.resourceArns?.length ? input.resourceArns : ['*']) {
      const r = evaluate(
        { action, resource: resourceArn, principal, context },
        { identity: identity.map((s) => s.policy), boundary: boundary.map((s) => s.policy), resource: resource.map((s) => s.policy) },
      );
      results.push({
        EvalActionName: action,
        EvalResourceName: resourceArn,
        EvalDecision: DECISIONS[r.decision],
        MatchedStatements: r.matchedStatements.map(reference),
        MissingContextValues: [...r.missingContextKeys],
      });
    }
  }
  return { EvaluationResults: results, IsTruncated: false };
}
