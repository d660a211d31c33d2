/**
 * ListUsers and ListUsersInGroup: keyset pages on the username key (an index seek per page, never OFFSET),
 * one filter (src/users/filter.ts), AttributesToGet trimming, at most 60 users a page. A page token is the
 * last key returned, opaque to clients.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { usersRepo } from '../store/users-repo.js';
import { groupMembersRepo } from '../store/group-members-repo.js';
import { parseFilter } from './filter.js';
import { rowToUser } from './records.js';
import { userType } from './views.js';

const MAX_PAGE = 60;

export const encodeToken = (kind: string, key: string) => Buffer.from(`${kind}\n${key}`, 'utf8').toString('base64url');

export function decodeToken(kind: string, token: string | undefined, what = 'pagination token'): string | undefined {
  if (token === undefined) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const nl = text.indexOf('\n');
  if (nl < 0 || text.slice(0, nl) !== kind) throw errors.invalidParameter(`Invalid ${what}.`);
  return text.slice(nl + 1);
}

export const pageSize = (limit: number | undefined) => (limit === undefined || limit <= 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE));

export async function listUsers(svc: Services, pool: UserPool, input: { Filter?: string; AttributesToGet?: string[]; Limit?: number; PaginationToken?: string }) {
  const filter = parseFilter(input.Filter);
  const limit = pageSize(input.Limit);
  const after = decodeToken(`users:${pool.id}`, input.PaginationToken);
  if (filter === 'none') return { Users: [] };
  const rows = await usersRepo.list(svc.db, { poolId: pool.id, after, limit: limit + 1, filter }, svc.store.dialect);
  const page = rows.slice(0, limit);
  const keep = input.AttributesToGet ? ((n: string) => input.AttributesToGet!.includes(n)) : undefined;
  return {
    Users: page.map((r) => userType(rowToUser(r), keep)),
    ...(rows.length > limit ? { PaginationToken: encodeToken(`users:${pool.id}`, page[page.length - 1].username_key) } : {}),
  };
}

export async function requireGroup(svc: Services, poolId: string, groupName: string): Promise<void> {
  if (!(await groupMembersRepo.groupExists(svc.db, poolId, groupName))) throw errors.resourceNotFound('Group not found.');
}

export async function listUsersInGroup(svc: Services, pool: UserPool, input: { GroupName: string; Limit?: number; NextToken?: string }) {
  await requireGroup(svc, pool.id, input.GroupName);
  const limit = pageSize(input.Limit);
  const kind = `group:${pool.id}:${input.GroupName}`;
  const after = decodeToken(kind, input.NextToken, 'next token');
  const members = await groupMembersRepo.membersOfGroup(svc.db, pool.id, input.GroupName, { after, limit: limit + 1 });
  const page = members.slice(0, limit);
  const rows = await usersRepo.getMany(svc.db, pool.id, page.map((m) => m.username_key));
  const byKey = new Map(rows.map((r) => [r.username_key, r]));
  return {
    Users: page.flatMap((m) => {
      const r = byKey.get(m.username_key);
      return r ? [userType(rowToUser(r))] : [];
    }),
    ...(members.length > limit ? { NextToken: encodeToken(kind, page[page.length - 1].username_key) } : {}),
  };
}
