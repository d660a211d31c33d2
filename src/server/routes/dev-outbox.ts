/**
 * GET /_dev/outbox?poolId=…&username=… — the development outbox as JSON, newest first, so people and tests
 * can read the codes Cognate sent. Loopback callers only, and absent (404) in production mode: it exposes
 * codes and temporary passwords.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { readOutbox } from '../../messages/outbox.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export default function devOutbox(app: FastifyInstance, svc: Services): void {
  app.get('/_dev/outbox', async (req, reply) => {
    if (svc.config.mode !== 'development') return reply.status(404).send({ message: 'Not found.' });
    if (!LOOPBACK.test(req.ip)) return reply.status(403).send({ message: 'The development outbox is only served to loopback clients.' });
    // A parameter given twice arrives as an array; only a single string value is a filter.
    const q = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string | undefined>;
    const limit = q.limit !== undefined ? Number(q.limit) : undefined;
    const messages = await readOutbox(svc, { poolId: q.poolId || undefined, username: q.username || undefined, limit: Number.isFinite(limit) ? limit : undefined });
    return reply.header('cache-control', 'no-store').send({ messages });
  });
}
