/**
 * Groups of a user pool: create (GroupExistsException on a taken name), get, update (only the members given
 * change), delete (memberships go with it) and list by keyset. Membership itself belongs to the users area.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { groupsRepo, type GroupRow } from '../store/groups-repo.js';
import { getPool } from './pools.js';
import { afterKey, splitPage } from './paging.js';

export interface GroupInput { UserPoolId: string; GroupName: string; Description?: string; RoleArn?: string; Precedence?: number }

export function groupType(row: GroupRow) {
  const out: Record<string, unknown> = { GroupName: row.name, UserPoolId: row.pool_id };
  if (row.description !== null) out.Description = row.description;
  if (row.role_arn !== null) out.RoleArn = row.role_arn;
  if (row.precedence !== null) out.Precedence = Number(row.precedence);
  out.LastModifiedDate = Number(row.updated_at) / 1000;
  out.CreationDate = Number(row.created_at) / 1000;
  return out;
}

async function existing(svc: Services, poolId: string, name: string): Promise<GroupRow> {
  const row = await groupsRepo.get(svc.db, poolId, name);
  if (row) return row;
  await getPool(svc, poolId);
  throw errors.resourceNotFound('Group not found.');
}

export async function createGroup(svc: Services, input: GroupInput) {
  await getPool(svc, input.UserPoolId);
  const now = svc.clock.now();
  const row: GroupRow = {
    pool_id: input.UserPoolId,
    name: input.GroupName,
    description: input.Description ?? null,
    role_arn: input.RoleArn ?? null,
    precedence: input.Precedence ?? null,
    created_at: now,
    updated_at: now,
  };
  if (!(await groupsRepo.insert(svc.db, row))) throw errors.groupExists(`A group with the name ${input.GroupName} already exists.`);
  return groupType(row);
}

export const getGroup = async (svc: Services, poolId: string, name: string) => groupType(await existing(svc, poolId, name));

export async function updateGroup(svc: Services, input: GroupInput) {
  const row = await existing(svc, input.UserPoolId, input.GroupName);
  const next: GroupRow = {
    ...row,
    description: input.Description ?? row.description,
    role_arn: input.RoleArn ?? row.role_arn,
    precedence: input.Precedence ?? row.precedence,
    updated_at: svc.clock.now(),
  };
  await groupsRepo.update(svc.db, row.pool_id, row.name, { description: next.description, role_arn: next.role_arn, precedence: next.precedence, updated_at: next.updated_at });
  return groupType(next);
}

export async function deleteGroup(svc: Services, poolId: string, name: string): Promise<void> {
  await existing(svc, poolId, name);
  if (!(await groupsRepo.delete(svc.db, poolId, name))) throw errors.resourceNotFound('Group not found.');
}

export async function listGroups(svc: Services, poolId: string, limit: number, nextToken?: string) {
  await getPool(svc, poolId);
  const kind = `groups:${poolId}`;
  const rows = await groupsRepo.page(svc.db, poolId, afterKey(kind, nextToken), limit);
  const { items, next } = splitPage(rows, limit, kind, (r) => r.name);
  const Groups = items.map(groupType);
  return next ? { Groups, NextToken: next } : { Groups };
}
