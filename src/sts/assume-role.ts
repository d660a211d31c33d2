/**
 * Assuming a role: the role's trust policy is evaluated by the IAM engine against the caller (a web-identity
 * provider for AssumeRoleWithWebIdentity, an AWS principal for AssumeRole) with the token's condition keys;
 * the requested duration must fit the role's MaxSessionDuration; then a session is minted (sessions.ts).
 *
 * Refusals are ServiceErrors with STS's codes: `AccessDenied` (403, "Not authorized to perform
 * sts:AssumeRoleWithWebIdentity") when the role is unknown or its trust policy does not allow the caller — callers
 * such as identity pools match on `type === 'AccessDenied'` to answer in their own terms — `ValidationError` for a
 * duration or session name out of range, `MalformedPolicyDocument` / `PackedPolicyTooLarge` for the session policy.
 * Must never verify tokens (the caller did) nor issue credentials without a trust-policy Allow.
 */
import { ServiceError } from '../errors.js';
import { evaluate, type RequestContext, type RequestPrincipal } from '../iam/index.js';
import { checkDocument, LIMITS } from '../iam-admin/documents.js';
import { assumedRoleArn, roleNameFromArn } from '../iam-admin/arns.js';
import { findRole, type Role } from '../iam-admin/roles.js';
import { managedPoliciesRepo } from '../store/iam-repo.js';
import { mintSession } from './sessions.js';
import type { Services } from '../services.js';

export const stsErrors = {
  accessDenied: (message: string) => new ServiceError('AccessDenied', message, 403),
  validation: (message: string) => new ServiceError('ValidationError', message, 400),
  packedPolicyTooLarge: (message: string) => new ServiceError('PackedPolicyTooLarge', message, 400),
};

export interface AssumeRoleOptions {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  readonly sessionPolicy?: string;
  /** Managed policies (ARNs) that also limit the session, as STS `PolicyArns`. */
  readonly sessionPolicyArns?: readonly string[];
  readonly principalTags?: Readonly<Record<string, string>>;
  readonly sourceIdentity?: string;
}

export interface WebIdentityOptions extends AssumeRoleOptions {
  /** The federated principal the trust policy must name, e.g. `cognito-identity.amazonaws.com` or an OIDC issuer host/path. */
  readonly provider: 'cognito-identity.amazonaws.com' | string;
  /** Condition keys from the token, e.g. `cognito-identity.amazonaws.com:aud`, `…:amr` (multivalued), `…:sub`. */
  readonly conditionContext: Readonly<Record<string, string | string[]>>;
}

export interface AssumedRole {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  /** Percentage of the packed session policy/tags limit used, when either was given. */
  readonly packedPolicySize?: number;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

async function roleFor(svc: Services, roleArn: string, action: string): Promise<Role> {
  const name = roleNameFromArn(svc, roleArn);
  const role = name ? await findRole(svc, name) : undefined;
  if (!role || role.arn !== roleArn) throw stsErrors.accessDenied(`Not authorized to perform ${action}`);
  return role;
}

function checkRequest(role: Role, o: AssumeRoleOptions, maxOverride?: number): number {
  if (!SESSION_NAME.test(o.roleSessionName)) {
    throw stsErrors.validation(`1 validation error detected: Value '${o.roleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and match [\\w+=,.@-]*`);
  }
  const duration = o.durationSeconds ?? 3600;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw stsErrors.validation(`1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const max = Math.min(role.maxSessionDuration, maxOverride ?? Infinity);
  if (duration > max) {
    throw stsErrors.validation(`The requested DurationSeconds exceeds the MaxSessionDuration set for this role (${max} seconds).`);
  }
  if (o.sessionPolicy !== undefined) checkDocument(o.sessionPolicy, 'identity', LIMITS.session, 'session policy');
  const tags = Object.entries(o.principalTags ?? {});
  if (tags.length > 50) throw stsErrors.packedPolicyTooLarge('Session tags cannot exceed 50 tags.');
  return duration;
}

function packedSize(o: AssumeRoleOptions): number | undefined {
  if (o.sessionPolicy === undefined && !o.principalTags) return undefined;
  const bytes = (o.sessionPolicy?.replace(/\s/g, '').length ?? 0) + JSON.stringify(o.principalTags ?? {}).length;
  const pct = Math.ceil((bytes / 2048) * 100);
  if (pct > 100) throw stsErrors.packedPolicyTooLarge(`Packed policy consumes ${pct}% of allotted space, please use smaller policy.`);
  return pct;
}

/** Allowed only when the trust policy allows every action the request implies (tags, source identity). */
function trustAllows(role: Role, action: string, principal: RequestPrincipal, context: RequestContext, o: AssumeRoleOptions): boolean {
  const actions = [action];
  if (o.principalTags && Object.keys(o.principalTags).length) actions.push('sts:TagSession');
  if (o.sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  return actions.every((a) => evaluate({ action: a, resource: role.arn, principal, context }, { resource: [role.trustPolicy] }).decision === 'Allow');
}

function timeContext(svc: Services): Record<string, string> {
  const now = svc.clock.now();
  return { 'aws:CurrentTime': new Date(now).toISOString(), 'aws:EpochTime': String(Math.floor(now / 1000)) };
}

const tagContext = (tags: Readonly<Record<string, string>> | undefined) =>
  Object.fromEntries(Object.entries(tags ?? {}).map(([k, v]) => [`aws:RequestTag/${k}`, v]));

/**
 * AssumeRoleWithWebIdentity after the caller has verified the token: used by STS and by identity pools'
 * GetCredentialsForIdentity (session name `CognitoIdentityCredentials`).
 */
export async function assumeRoleForWebIdentity(svc: Services, o: WebIdentityOptions): Promise<AssumedRole> {
  const action = 'sts:AssumeRoleWithWebIdentity';
  const role = await roleFor(svc, o.roleArn, action);
  const duration = checkRequest(role, o);
  const context: RequestContext = {
    ...o.conditionContext,
    ...timeContext(svc),
    ...tagContext(o.principalTags),
    ...(o.principalTags ? { 'aws:TagKeys': Object.keys(o.principalTags) } : {}),
    ...(o.sourceIdentity !== undefined ? { 'sts:SourceIdentity': o.sourceIdentity } : {}),
    'aws:FederatedProvider': o.provider,
  };
  if (!trustAllows(role, action, { type: 'Federated', id: o.provider }, context, o)) throw stsErrors.accessDenied(`Not authorized to perform ${action}`);
  return issue(svc, role, o, duration, { ...o.conditionContext, 'aws:FederatedProvider': o.provider });
}

/** AssumeRole by an already-authenticated AWS principal (operator key, IAM user or role session). */
export async function assumeRoleAsPrincipal(
  svc: Services,
  callerArn: string,
  o: AssumeRoleOptions,
  opts: { chained?: boolean; context?: Readonly<Record<string, string>> } = {},
): Promise<AssumedRole> {
  const action = 'sts:AssumeRole';
  const role = await roleFor(svc, o.roleArn, action);
  // Role chaining caps the session at one hour, as AWS does.
  const duration = checkRequest(role, o, opts.chained ? 3600 : undefined);
  const context: RequestContext = {
    ...timeContext(svc),
    ...tagContext(o.principalTags),
    ...(o.principalTags ? { 'aws:TagKeys': Object.keys(o.principalTags) } : {}),
    ...(o.sourceIdentity !== undefined ? { 'sts:SourceIdentity': o.sourceIdentity } : {}),
    'aws:PrincipalArn': callerArn,
    ...(opts.context ?? {}),
  };
  if (!trustAllows(role, action, { type: 'AWS', id: callerArn }, context, o)) {
    throw stsErrors.accessDenied(`User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${role.arn}`);
  }
  return issue(svc, role, o, duration, {});
}

async function sessionPolicies(svc: Services, o: AssumeRoleOptions): Promise<string[]> {
  const arns = [...new Set(o.sessionPolicyArns ?? [])];
  if (arns.length > 10) throw stsErrors.validation('1 validation error detected: Value at \'policyArns\' failed to satisfy constraint: Member must have length less than or equal to 10');
  const rows = await managedPoliciesRepo.byArns(svc.db, arns);
  const missing = arns.filter((a) => !rows.some((r) => r.arn === a));
  if (missing.length) throw stsErrors.validation(`Policy ${missing[0]} does not exist or is not attachable.`);
  return [...(o.sessionPolicy !== undefined ? [o.sessionPolicy] : []), ...rows.map((r) => r.document)];
}

async function issue(svc: Services, role: Role, o: AssumeRoleOptions, duration: number, context: Record<string, string | string[]>): Promise<AssumedRole> {
  const packedPolicySize = packedSize(o);
  const policies = await sessionPolicies(svc, o);
  const creds = await mintSession(svc, {
    roleArn: role.arn,
    roleId: role.roleId,
    sessionName: o.roleSessionName,
    durationSeconds: duration,
    sourceIdentity: o.sourceIdentity,
    sessionPolicies: policies,
    principalTags: o.principalTags,
    context,
  });
  return {
    ...creds,
    assumedRoleArn: assumedRoleArn(svc, role.name, o.roleSessionName),
    assumedRoleId: `${role.roleId}:${o.roleSessionName}`,
    ...(packedPolicySize !== undefined ? { packedPolicySize } : {}),
  };
}
