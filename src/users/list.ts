/**
 * ListUsers and ListUsersInGroup: keyset pages (an index range per page, never OFFSET) on the username key, or
 * with a filter on (filter attribute, username key); one filter (src/users/filter.ts), AttributesToGet
 * trimming, at most 60 users a page. A page token is the last position returned, opaque to clients.
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

function decodePosition(text: string): { key: string; value: string | number } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || v.length !== 2 || !['string', 'number'].includes(typeof v[0]) || typeof v[1] !== 'string') {
    throw errors.invalidParameter('Invalid pagination token.');
  }
  return { value: v[0] as string | number, key: v[1] as string };
}

export const pageSize = (limit: number | undefined) => (limit === undefined || limit <= 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE));

export async function listUsers(svc: Services, pool: UserPool, input: { Filter?: string; AttributesToGet?: string[]; Limit?: number; PaginationToken?: string }) {
  const filter = parseFilter(input.Filter);
  const limit = pageSize(input.Limit);
  // A filtered list pages in (attribute, username) order, so its token holds both and is bound to the attribute.
  const column = filter && filter !== 'none' ? filter.column : undefined;
  const kind = column ? `users:${pool.id}:${column}` : `users:${pool.id}`;
  const text = decodeToken(kind, input.PaginationToken);
  if (filter === 'none') return { Users: [] };
  const after = text === undefined ? undefined : column ? decodePosition(text) : { key: text };
  const rows = await usersRepo.list(svc.db, { poolId: pool.id, after, limit: limit + 1, filter }, svc.store.dialect);
  const page = rows.slice(0, limit);
  const keep = input.AttributesToGet ? ((n: string) => input.AttributesToGet!.includes(n)) : undefined;
  const last = page[page.length - 1];
  return {
    Users: page.map((r) => userType(rowToUser(r), keep)),
    ...(rows.length > limit && last ? { PaginationToken: encodeToken(kind, column ? JSON.stringify([last[column], last.username_key]) : last.username_key) } : {}),
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
