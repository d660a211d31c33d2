/**
 * The IAM policy engine's public surface, for STS, identity pools, the IAM API and request enforcement:
 * parse/validate documents, evaluate a request, simulate like IAM's SimulateCustomPolicy.
 * Pure logic only; nothing here may do I/O or read the clock.
 */
export { MalformedPolicyDocumentError, parsePolicy, isParsedPolicy, type ParseOptions } from './policy-parse.js';
export type { Policy, PolicyKind, Statement, ConditionClause, PrincipalSpec, PrincipalType } from './policy-types.js';
export {
  evaluate,
  isAllowed,
  type Decision,
  type EvaluationRequest,
  type EvaluationResult,
  type MatchedStatement,
  type PolicyInput,
  type PolicyLayer,
  type PolicySet,
} from './evaluate.js';
export type { RequestContext, ContextValue } from './context.js';
export type { RequestPrincipal } from './principal.js';
export {
  simulateCustomPolicy,
  contextFromEntries,
  SimulationInputError,
  type ContextEntry,
  type ContextKeyType,
  type SimulateCustomPolicyInput,
  type SimulateCustomPolicyOutput,
  type SimulationResult,
} from './simulate.js';
