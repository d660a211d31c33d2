/**
 * Reading the development outbox (the /_dev/outbox route and `cognate outbox`). Only meaningful in
 * development mode; callers must refuse it in production.
 */
import type { Services } from '../services.js';
import { outboxRepo } from '../store/outbox-repo.js';

export interface OutboxMessage {
  poolId: string;
  username: string;
  medium: string;
  destination: string;
  subject?: string;
  body: string;
  code?: string;
  /** ISO time */
  createdAt: string;
}

export async function readOutbox(svc: Services, q: { poolId?: string; username?: string; limit?: number }): Promise<OutboxMessage[]> {
  const rows = await outboxRepo.list(svc.db, { poolId: q.poolId, username: q.username, limit: Math.min(Math.max(q.limit ?? 100, 1), 1000) });
  return rows.map((r) => ({
    poolId: r.pool_id,
    username: r.username,
    medium: r.medium,
    destination: r.destination,
    ...(r.subject !== null ? { subject: r.subject } : {}),
    body: r.body,
    ...(r.code !== null ? { code: r.code } : {}),
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}
