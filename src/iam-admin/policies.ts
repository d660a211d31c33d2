/**
 * Customer managed policies: one version (v1) per policy, validated as identity policies before storing.
 * A policy still attached anywhere cannot be deleted (DeleteConflict), as in IAM.
 */
import { iamErrors } from './errors.js';
import { checkDocument, LIMITS } from './documents.js';
import { iamIds, policyArn } from './arns.js';
import { attachmentsRepo, managedPoliciesRepo } from '../store/iam-repo.js';
import type { IamPoliciesTable } from '../store/tables.js';
import type { Tag } from './roles.js';
import type { Services } from '../services.js';

export interface CreatePolicyInput { PolicyName: string; PolicyDocument: string; Path?: string; Description?: string; Tags?: Tag[] }

export async function policyView(svc: Services, r: IamPoliciesTable) {
  return {
    PolicyName: r.name,
    PolicyId: r.policy_id,
    Arn: r.arn,
    Path: r.path,
    DefaultVersionId: 'v1',
    AttachmentCount: await attachmentsRepo.countForPolicy(svc.db, r.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(r.description !== null ? { Description: r.description } : {}),
    CreateDate: new Date(Number(r.created_at)),
    UpdateDate: new Date(Number(r.updated_at)),
    ...(JSON.parse(r.tags).length ? { Tags: JSON.parse(r.tags) as Tag[] } : {}),
  };
}

export async function createPolicy(svc: Services, input: CreatePolicyInput): Promise<IamPoliciesTable> {
  const path = input.Path ?? '/';
  checkDocument(input.PolicyDocument, 'identity', LIMITS.managed);
  const now = svc.clock.now();
  const row: IamPoliciesTable = {
    arn: policyArn(svc, path, input.PolicyName),
    name_key: input.PolicyName.toLowerCase(),
    name: input.PolicyName,
    policy_id: iamIds.policy(),
    path,
    description: input.Description ?? null,
    document: input.PolicyDocument,
    tags: JSON.stringify(input.Tags ?? []),
    created_at: now,
    updated_at: now,
  };
  if (!(await managedPoliciesRepo.insert(svc.db, row))) {
    throw iamErrors.entityAlreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  }
  return row;
}

export async function getPolicy(svc: Services, arn: string): Promise<IamPoliciesTable> {
  const row = await managedPoliciesRepo.get(svc.db, arn);
  if (!row) throw iamErrors.noSuchEntity(`Policy ${arn} was not found.`);
  return row;
}

export async function deletePolicy(svc: Services, arn: string): Promise<void> {
  await getPolicy(svc, arn);
  if ((await attachmentsRepo.countForPolicy(svc.db, arn)) > 0) throw iamErrors.deleteConflict('Cannot delete a policy attached to entities.');
  await managedPoliciesRepo.delete(svc.db, arn);
}
