/**
 * Request enforcement: decides with the IAM engine whether a caller may perform `service:Operation` on a
 * resource ARN. Operator keys (the bootstrap key and keys from `cognate keys create`) may do everything; IAM
 * users' keys and role sessions only what their identity policies allow, limited by the session policy. A denial
 * is AccessDeniedException naming the caller, the action and the resource, as AWS words it.
 */
import { errors } from '../errors.js';
import { evaluate, type RequestContext } from '../iam/index.js';
import type { Caller } from './callers.js';
import type { Services } from '../services.js';

export interface RequestFacts {
  readonly sourceIp: string;
  readonly secure: boolean;
  readonly region: string;
}

export function requestContext(svc: Services, caller: Caller, facts: RequestFacts): RequestContext {
  const now = svc.clock.now();
  return {
    ...caller.context,
    'aws:SourceIp': facts.sourceIp.replace(/^::ffff:/, ''),
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    'aws:SecureTransport': facts.secure ? 'true' : 'false',
    'aws:RequestedRegion': facts.region,
  };
}

export function authorize(svc: Services, caller: Caller, action: string, resource: string, facts: RequestFacts): void {
  if (caller.kind === 'operator') return;
  const result = evaluate(
    { action, resource, context: requestContext(svc, caller, facts) },
    { identity: caller.identity, ...(caller.session.length ? { session: caller.session } : {}) },
  );
  if (result.decision === 'Allow') return;
  const why =
    result.decision === 'ExplicitDeny'
      ? `with an explicit deny in an identity-based policy`
      : caller.session.length && result.matchedStatements.length === 0
        ? `because no identity-based policy or session policy allows the ${action} action`
        : `because no identity-based policy allows the ${action} action`;
  throw errors.accessDenied(`User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
}
