/**
 * Shared shapes and builders for the table-driven policy-evaluation cases: one row per case
 * `{ name, policies, request, expected }`, so each documented IAM rule reads as data.
 */
import type { Decision, EvaluationRequest, MatchedStatement, PolicySet } from '../../src/iam/evaluate.js';
import type { RequestContext } from '../../src/iam/context.js';

export interface Case {
  readonly name: string;
  readonly policies: PolicySet;
  readonly request: EvaluationRequest;
  readonly expected: Decision;
  /** When given, the decisive statements (layer/policyIndex/statementIndex) must be exactly these. */
  readonly matched?: readonly Partial<MatchedStatement>[];
}

export const ACCOUNT = '123456789012';
export const POOL_A = `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_AAAA`;
export const POOL_B = `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_BBBB`;
export const OBJECT = 'arn:aws:s3:::bucket/key';

export type Stmt = Record<string, unknown>;

/** A 2012-10-17 policy document with the given statements. */
export function doc(...Statement: Stmt[]): object {
  return { Version: '2012-10-17', Statement };
}

export const allow = (Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Deny', Action, Resource, ...extra });

export function req(action: string, resource: string, context: RequestContext = {}, principal?: EvaluationRequest['principal']): EvaluationRequest {
  return { action, resource, context, principal };
}

/** One identity policy allowing s3:GetObject on everything when `Condition` holds. */
export function cond(name: string, Condition: Record<string, unknown>, context: RequestContext, allowed: boolean): Case {
  return {
    name,
    policies: { identity: [doc(allow('s3:GetObject', '*', { Condition }))] },
    request: req('s3:GetObject', OBJECT, context),
    expected: allowed ? 'Allow' : 'ImplicitDeny',
  };
}

/** A case with identity policies only. */
export function idCase(name: string, identity: object[], request: EvaluationRequest, expected: Decision, matched?: Case['matched']): Case {
  return { name, policies: { identity }, request, expected, matched };
}
