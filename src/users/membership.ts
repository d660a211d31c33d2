/**
 * Group membership of users: add, remove, and list a user's groups (by group name, keyset pages). A user
 * belongs to at most 100 groups. Group definitions belong to the control plane; this only links users to them.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { groupMembersRepo } from '../store/group-members-repo.js';
import { requireUser } from './lookup.js';
import { decodeToken, encodeToken, pageSize, requireGroup } from './list.js';
import { groupType } from './views.js';

const MAX_GROUPS_PER_USER = 100;

export async function addUserToGroup(svc: Services, pool: UserPool, username: string, groupName: string): Promise<void> {
  const user = await requireUser(svc, pool, username);
  await requireGroup(svc, pool.id, groupName);
  if (await groupMembersRepo.isMember(svc.db, pool.id, groupName, user.usernameKey)) return;
  if ((await groupMembersRepo.countForUser(svc.db, pool.id, user.usernameKey)) >= MAX_GROUPS_PER_USER) {
    throw errors.limitExceeded(`A user can belong to at most ${MAX_GROUPS_PER_USER} groups.`);
  }
  await groupMembersRepo.add(svc.db, pool.id, groupName, user.usernameKey, svc.clock.now());
}

export async function removeUserFromGroup(svc: Services, pool: UserPool, username: string, groupName: string): Promise<void> {
  const user = await requireUser(svc, pool, username);
  await requireGroup(svc, pool.id, groupName);
  await groupMembersRepo.remove(svc.db, pool.id, groupName, user.usernameKey);
}

export async function listGroupsForUser(svc: Services, pool: UserPool, input: { Username: string; Limit?: number; NextToken?: string }) {
  const user = await requireUser(svc, pool, input.Username);
  const limit = pageSize(input.Limit);
  const kind = `groups:${pool.id}:${user.usernameKey}`;
  const after = decodeToken(kind, input.NextToken, 'next token');
  const rows = await groupMembersRepo.groupsOfUser(svc.db, pool.id, user.usernameKey, { after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    Groups: page.map((g) => groupType(pool.id, { ...g, precedence: g.precedence === null ? null : Number(g.precedence), created_at: Number(g.created_at), updated_at: Number(g.updated_at) })),
    ...(rows.length > limit ? { NextToken: encodeToken(kind, page[page.length - 1].name) } : {}),
  };
}
