/**
 * IAM roles: create/read/update/delete, their inline policies and managed-policy attachments, and the policy
 * set of a role for STS and request enforcement. Trust and permission documents are validated before they are
 * stored (MalformedPolicyDocument). Must never evaluate a request itself: that is src/iam/ and src/access/.
 */
import { iamErrors } from './errors.js';
import { checkDocument, LIMITS } from './documents.js';
import { iamIds, roleArn, encodeDocument } from './arns.js';
import { attachmentsRepo, inlinePoliciesRepo, managedPoliciesRepo, rolesRepo } from '../store/iam-repo.js';
import type { IamRolesTable } from '../store/tables.js';
import { forgetPolicies } from '../access/policy-cache.js';
import type { Services } from '../services.js';

export interface Tag { Key: string; Value: string }

export interface Role {
  readonly name: string;
  readonly roleId: string;
  readonly path: string;
  readonly arn: string;
  readonly trustPolicy: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly tags: readonly Tag[];
  readonly createdAt: number;
}

export interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: Tag[];
}

const key = (name: string) => name.toLowerCase();

export function rowToRole(svc: Services, r: IamRolesTable): Role {
  return {
    name: r.name,
    roleId: r.role_id,
    path: r.path,
    arn: roleArn(svc, r.path, r.name),
    trustPolicy: r.trust_policy,
    ...(r.description !== null ? { description: r.description } : {}),
    maxSessionDuration: Number(r.max_session_duration),
    tags: JSON.parse(r.tags) as Tag[],
    createdAt: Number(r.created_at),
  };
}

/** The wire shape of a Role (IAM returns the trust policy URL-encoded). */
export function roleView(role: Role) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: new Date(role.createdAt),
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
    ...(role.description !== undefined ? { Description: role.description } : {}),
    MaxSessionDuration: role.maxSessionDuration,
    ...(role.tags.length ? { Tags: [...role.tags] } : {}),
  };
}

function checkMaxSession(v: number | undefined): number {
  if (v === undefined) return 3600;
  if (!Number.isInteger(v) || v < 3600 || v > 43200) {
    throw iamErrors.validation(`1 validation error detected: Value '${v}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`);
  }
  return v;
}

export async function createRole(svc: Services, input: CreateRoleInput): Promise<Role> {
  const path = input.Path ?? '/';
  checkDocument(input.AssumeRolePolicyDocument, 'trust', LIMITS.trust, 'ACLSizePerRole');
  const now = svc.clock.now();
  const row: IamRolesTable = {
    name_key: key(input.RoleName),
    name: input.RoleName,
    role_id: iamIds.role(),
    path,
    trust_policy: input.AssumeRolePolicyDocument,
    description: input.Description ?? null,
    max_session_duration: checkMaxSession(input.MaxSessionDuration),
    tags: JSON.stringify(input.Tags ?? []),
    created_at: now,
    updated_at: now,
  };
  if (!(await rolesRepo.insert(svc.db, row))) throw iamErrors.entityAlreadyExists(`Role with name ${input.RoleName} already exists.`);
  return rowToRole(svc, row);
}

export async function findRole(svc: Services, name: string): Promise<Role | undefined> {
  const row = await rolesRepo.get(svc.db, key(name));
  return row ? rowToRole(svc, row) : undefined;
}

export async function getRole(svc: Services, name: string): Promise<Role> {
  const role = await findRole(svc, name);
  if (!role) throw iamErrors.noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

export async function updateRole(svc: Services, name: string, patch: { Description?: string; MaxSessionDuration?: number }): Promise<void> {
  await getRole(svc, name);
  const set: Partial<IamRolesTable> = { updated_at: svc.clock.now() };
  if (patch.Description !== undefined) set.description = patch.Description;
  if (patch.MaxSessionDuration !== undefined) set.max_session_duration = checkMaxSession(patch.MaxSessionDuration);
  await rolesRepo.update(svc.db, key(name), set);
}

export async function updateTrustPolicy(svc: Services, name: string, document: string): Promise<void> {
  await getRole(svc, name);
  checkDocument(document, 'trust', LIMITS.trust, 'ACLSizePerRole');
  await rolesRepo.update(svc.db, key(name), { trust_policy: document, updated_at: svc.clock.now() });
}

export async function deleteRole(svc: Services, name: string): Promise<void> {
  await getRole(svc, name);
  if ((await inlinePoliciesRepo.count(svc.db, 'role', key(name))) > 0) {
    throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
  }
  if ((await attachmentsRepo.list(svc.db, 'role', key(name))).length > 0) {
    throw iamErrors.deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  await rolesRepo.delete(svc.db, key(name));
  forgetPolicies(svc);
}

/** Keyset page of roles; the marker is the last role's lower-cased name, base64url so it is opaque. */
export async function listRoles(svc: Services, opts: { Marker?: string; MaxItems?: number; PathPrefix?: string }) {
  const limit = opts.MaxItems ?? 100;
  const after = opts.Marker === undefined ? undefined : Buffer.from(opts.Marker, 'base64url').toString('utf8');
  const rows = await rolesRepo.page(svc.db, after, limit + 1, opts.PathPrefix ?? '/');
  const page = rows.slice(0, limit).map((r) => rowToRole(svc, r));
  const more = rows.length > limit;
  return { roles: page, marker: more ? Buffer.from(rows[limit - 1]!.name_key).toString('base64url') : undefined };
}

export async function putRolePolicy(svc: Services, roleName: string, policyName: string, document: string): Promise<void> {
  await getRole(svc, roleName);
  checkDocument(document, 'identity', LIMITS.inline);
  await inlinePoliciesRepo.put(svc.db, 'role', key(roleName), policyName, document, svc.clock.now());
  forgetPolicies(svc);
}

export async function getRolePolicy(svc: Services, roleName: string, policyName: string): Promise<string> {
  const role = await getRole(svc, roleName);
  const row = await inlinePoliciesRepo.get(svc.db, 'role', key(roleName), policyName);
  if (!row) throw iamErrors.noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
  void role;
  return row.document;
}

export async function deleteRolePolicy(svc: Services, roleName: string, policyName: string): Promise<void> {
  await getRole(svc, roleName);
  if (!(await inlinePoliciesRepo.delete(svc.db, 'role', key(roleName), policyName))) {
    throw iamErrors.noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
  }
  forgetPolicies(svc);
}

export async function listRolePolicies(svc: Services, roleName: string): Promise<string[]> {
  await getRole(svc, roleName);
  return (await inlinePoliciesRepo.list(svc.db, 'role', key(roleName))).map((r) => r.policy_name);
}

export async function attachRolePolicy(svc: Services, roleName: string, arn: string): Promise<void> {
  await getRole(svc, roleName);
  if (!(await managedPoliciesRepo.get(svc.db, arn))) throw iamErrors.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  await attachmentsRepo.attach(svc.db, 'role', key(roleName), arn, svc.clock.now());
  forgetPolicies(svc);
}

export async function detachRolePolicy(svc: Services, roleName: string, arn: string): Promise<void> {
  await getRole(svc, roleName);
  if (!(await attachmentsRepo.detach(svc.db, 'role', key(roleName), arn))) throw iamErrors.noSuchEntity(`Policy ${arn} was not found.`);
  forgetPolicies(svc);
}

export async function listAttachedRolePolicies(svc: Services, roleName: string) {
  await getRole(svc, roleName);
  const arns = (await attachmentsRepo.list(svc.db, 'role', key(roleName))).map((r) => r.policy_arn);
  const byArn = new Map((await managedPoliciesRepo.byArns(svc.db, arns)).map((p) => [p.arn, p.name]));
  return arns.map((arn) => ({ PolicyArn: arn, PolicyName: byArn.get(arn) ?? arn.split('/').pop()! }));
}

/** Every permission document of a role (inline and attached), as stored JSON text. */
export async function rolePolicyDocuments(svc: Services, roleName: string): Promise<string[]> {
  const inline = await inlinePoliciesRepo.list(svc.db, 'role', key(roleName));
  const arns = (await attachmentsRepo.list(svc.db, 'role', key(roleName))).map((r) => r.policy_arn);
  const managed = await managedPoliciesRepo.byArns(svc.db, arns);
  return [...inline.map((r) => r.document), ...managed.map((p) => p.document)];
}
