/**
 * Principal / NotPrincipal matching for resource and trust policies. `"*"` (or `{"AWS":"*"}`) is everyone,
 * including anonymous callers; an account id or `arn:…:iam::ACCOUNT:root` is every principal of that account;
 * a role ARN also covers that role's sessions (`arn:…:sts::ACCOUNT:assumed-role/NAME/SESSION`).
 * Principal strings are never wildcards (AWS forbids partial wildcards there), so no glob matching here.
 */
import type { PrincipalSpec, PrincipalType } from './policy-types.js';

export interface RequestPrincipal {
  readonly type: PrincipalType;
  /** An ARN or account id for AWS, the provider (e.g. `cognito-identity.amazonaws.com`) for Federated,
   *  the service principal (e.g. `ec2.amazonaws.com`) for Service. */
  readonly id: string;
}

/** How a principal element matched: `direct` = the request principal's own ARN was named. */
export type PrincipalMatch = 'direct' | 'indirect' | false;

const ACCOUNT = /^\d{12}$/;

function accountOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[4] : undefined;
}

function awsEntryMatches(entry: string, id: string): PrincipalMatch {
  if (entry === '*') return 'indirect';
  if (entry === id) return 'direct';
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry);
  const account = ACCOUNT.test(entry) ? entry : root?.[1];
  if (account) return id === account || accountOf(id) === account ? 'indirect' : false;
  // A role ARN (any path) names the sessions of that role too.
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry);
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(id);
  if (role && session && role[1] === session[1] && role[2] === session[2] && role[3] === session[3]) return 'indirect';
  return false;
}

export function principalMatches(spec: PrincipalSpec, principal: RequestPrincipal | undefined): PrincipalMatch {
  if (spec === '*') return 'indirect';
  if (spec.AWS?.includes('*')) return 'indirect';
  if (!principal) return false;
  const entries = spec[principal.type];
  if (!entries) return false;
  let best: PrincipalMatch = false;
  for (const entry of entries) {
    let m: PrincipalMatch;
    if (principal.type === 'AWS') m = awsEntryMatches(entry, principal.id);
    else if (principal.type === 'CanonicalUser') m = entry === principal.id ? 'direct' : false;
    else m = entry === '*' ? 'indirect' : entry.toLowerCase() === principal.id.toLowerCase() ? 'direct' : false;
    if (m === 'direct') return m;
    if (m) best = m;
  }
  return best;
}
