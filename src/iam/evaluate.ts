/**
 * The IAM authorization decision for one request: an explicit Deny in any policy wins; otherwise the request
 * needs an Allow from the identity policies and from every limiting layer that is present (session policies,
 * permissions boundary), or an Allow from a resource/trust policy whose Principal names the caller (limited by
 * session policies unless it names the session's own ARN); otherwise it is implicitly denied.
 * Pure and synchronous: no I/O, no clock (put aws:CurrentTime in the context), never throws for a request
 * (malformed policy documents throw MalformedPolicyDocumentError from parsePolicy before any decision).
 */
import { conditionHolds } from './conditions.js';
import { EvalContext, type RequestContext } from './context.js';
import { expand, globMatch, literalPattern, type Pattern } from './patterns.js';
import { parsePolicy } from './policy-parse.js';
import type { Effect, Policy, Statement } from './policy-types.js';
import { principalMatches, type PrincipalMatch, type RequestPrincipal } from './principal.js';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
export type PolicyLayer = 'identity' | 'session' | 'boundary' | 'resource';
/** A parsed policy, or its JSON text / decoded object (parsed on the fly). */
export type PolicyInput = Policy | string | object;

export interface EvaluationRequest {
  /** `service:Action`, e.g. `cognito-idp:AdminGetUser`; matched case-insensitively. */
  readonly action: string;
  /** The resource ARN (or `*`); matched case-sensitively. */
  readonly resource: string;
  /** Needed only when resource/trust policies are evaluated; absent = anonymous. */
  readonly principal?: RequestPrincipal;
  readonly context?: RequestContext;
}

export interface PolicySet {
  readonly identity?: readonly PolicyInput[];
  /** Session policies (STS `Policy`/`PolicyArns`, Cognito's guest scope-down). Empty or absent = no limit. */
  readonly session?: readonly PolicyInput[];
  /** A permissions boundary. Empty or absent = no limit. */
  readonly boundary?: readonly PolicyInput[];
  /** Resource-based or role trust policies: their statements must match the request's principal. */
  readonly resource?: readonly PolicyInput[];
}

export interface MatchedStatement {
  readonly layer: PolicyLayer;
  /** Index of the policy within its layer's list. */
  readonly policyIndex: number;
  readonly policyId?: string;
  /** Index of the statement within the policy's Statement list. */
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
}

export interface EvaluationResult {
  readonly decision: Decision;
  /** The statements that decided: the Deny statements, or the Allow statements that granted; empty when implicit. */
  readonly matchedStatements: readonly MatchedStatement[];
  /** Condition keys and variables that applicable statements referenced but the context did not carry. */
  readonly missingContextKeys: readonly string[];
}

interface Hit extends MatchedStatement {
  readonly principalMatch: PrincipalMatch;
}

const LAYERS: readonly PolicyLayer[] = ['identity', 'session', 'boundary', 'resource'];

function actionMatches(s: Statement, action: string): boolean {
  const any = (list: readonly string[]) => list.some((a) => a === '*' || globMatch(literalPattern(a), action, true));
  return s.action ? any(s.action) : !any(s.notAction ?? []);
}

/** Text without variables compiles once (memoised); text with variables is expanded for this request. */
function resourcePattern(text: string, ctx: EvalContext | null): Pattern | null {
  return ctx && text.includes('${') ? expand(text, ctx) : literalPattern(text);
}

function resourceMatches(s: Statement, resource: string, ctx: EvalContext | null): boolean {
  if (s.resource) {
    return s.resource.some((r) => {
      if (r === '*') return true;
      const p = resourcePattern(r, ctx);
      return p !== null && globMatch(p, resource);
    });
  }
  if (s.notResource) {
    let listed = false;
    for (const r of s.notResource) {
      const p = resourcePattern(r, ctx);
      // An unresolvable variable makes the element not match: the statement does not apply.
      if (p === null) return false;
      if (globMatch(p, resource)) listed = true;
    }
    return !listed;
  }
  return true; // trust policies carry no Resource element
}

function principalOf(s: Statement, principal: RequestPrincipal | undefined): PrincipalMatch {
  if (s.principal) return principalMatches(s.principal, principal);
  if (s.notPrincipal) return principalMatches(s.notPrincipal, principal) ? false : 'indirect';
  return false; // a resource-layer statement without a principal grants nobody anything
}

/** Whether one statement applies to the request; `layer` decides whether Principal is checked. */
function applies(s: Statement, policy: Policy, layer: PolicyLayer, req: EvaluationRequest, ctx: EvalContext): PrincipalMatch {
  if (!actionMatches(s, req.action)) return false;
  const varCtx = policy.substitutesVariables ? ctx : null;
  if (!resourceMatches(s, req.resource, varCtx)) return false;
  const who: PrincipalMatch = layer === 'resource' ? principalOf(s, req.principal) : 'indirect';
  if (!who) return false;
  // Every clause is evaluated (no short-circuit) so missingContextKeys lists all keys the statement needs.
  const holds = s.conditions.map((c) => conditionHolds(c, ctx, policy.substitutesVariables));
  return holds.every(Boolean) ? who : false;
}

function isSessionArn(principal: RequestPrincipal | undefined): boolean {
  return principal?.type === 'AWS' && /^arn:[^:]+:sts::\d{12}:(assumed-role|federated-user)\//.test(principal.id);
}

/** Evaluates a request against a set of policies, AWS's "policy evaluation logic" for a single account. */
export function evaluate(request: EvaluationRequest, policies: PolicySet): EvaluationResult {
  const ctx = new EvalContext(request.context);
  const hits: Hit[] = [];
  for (const layer of LAYERS) {
    const list = policies[layer] ?? [];
    list.forEach((input, policyIndex) => {
      const policy = parsePolicy(input);
      for (const s of policy.statements) {
        const principalMatch = applies(s, policy, layer, request, ctx);
        if (principalMatch) {
          hits.push({ layer, policyIndex, policyId: policy.id, statementIndex: s.index, sid: s.sid, effect: s.effect, principalMatch });
        }
      }
    });
  }
  const missingContextKeys = [...ctx.missing];
  const strip = (h: Hit): MatchedStatement => ({
    layer: h.layer,
    policyIndex: h.policyIndex,
    ...(h.policyId !== undefined ? { policyId: h.policyId } : {}),
    statementIndex: h.statementIndex,
    ...(h.sid !== undefined ? { sid: h.sid } : {}),
    effect: h.effect,
  });
  const denies = hits.filter((h) => h.effect === 'Deny');
  if (denies.length > 0) return { decision: 'ExplicitDeny', matchedStatements: denies.map(strip), missingContextKeys };

  // Only Allow hits remain from here on.
  const limits = (layer: PolicyLayer) => (policies[layer]?.length ?? 0) > 0;
  const [identity, session, boundary, resource] = LAYERS.map((layer) => hits.filter((h) => h.layer === layer));
  const sessionOk = !limits('session') || session.length > 0;
  const boundaryOk = !limits('boundary') || boundary.length > 0;
  const granted: Hit[] = [];
  if (identity.length > 0 && sessionOk && boundaryOk) {
    granted.push(...identity, ...(limits('session') ? session : []), ...(limits('boundary') ? boundary : []));
  }
  // Resource policies grant on their own within the account; session policies still limit them unless the
  // statement names the session ARN itself.
  const viaResource = resource.filter((h) => sessionOk || (h.principalMatch === 'direct' && isSessionArn(request.principal)));
  if (viaResource.length > 0) {
    if (granted.length === 0 && limits('session') && sessionOk) granted.push(...session);
    granted.push(...viaResource);
  }
  if (granted.length === 0) return { decision: 'ImplicitDeny', matchedStatements: [], missingContextKeys };
  return { decision: 'Allow', matchedStatements: granted.map(strip), missingContextKeys };
}

/** Convenience for enforcement points: true only when the decision is Allow. */
export function isAllowed(request: EvaluationRequest, policies: PolicySet): boolean {
  return evaluate(request, policies).decision === 'Allow';
}
