/**
 * The resource ARN a request acts on, for authorization: the handler's own `resource` when it declares one,
 * else the user pool (`arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}`) or identity pool
 * (`arn:aws:cognito-identity:{region}:{account}:identitypool/{poolId}`) named by the input, a `ResourceArn`
 * member, or `*` for account-level operations (CreateUserPool, ListUserPools, …).
 */
import type { Operation } from '../handlers/operation.js';
import type { Services } from '../services.js';

function regionOf(svc: Services, id: string, sep: string): string {
  const r = id.split(sep)[0] ?? '';
  return svc.regions.includes(r) ? r : svc.config.region;
}

export function resourceArn(svc: Services, op: Operation, input: unknown): string {
  if (op.resource) return op.resource(input, svc);
  const i = (input ?? {}) as Record<string, unknown>;
  const account = svc.config.accountId;
  if (op.service === 'cognito-idp' && typeof i.UserPoolId === 'string') {
    return `arn:aws:cognito-idp:${regionOf(svc, i.UserPoolId, '_')}:${account}:userpool/${i.UserPoolId}`;
  }
  if (op.service === 'cognito-identity' && typeof i.IdentityPoolId === 'string') {
    return `arn:aws:cognito-identity:${regionOf(svc, i.IdentityPoolId, ':')}:${account}:identitypool/${i.IdentityPoolId}`;
  }
  if (typeof i.ResourceArn === 'string') return i.ResourceArn;
  return '*';
}
