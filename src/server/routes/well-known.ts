/**
 * Per-pool discovery on the API port: `GET /{poolId}/.well-known/jwks.json` (the pool's current, next and
 * previous public keys) and `GET /{poolId}/.well-known/openid-configuration`. Path-only and host-agnostic, so
 * `{issuer}/.well-known/…` resolves for every issuer. Never publishes a private key member.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ServiceError } from '../../errors.js';
import { sendJsonError } from '../../protocols/aws-json.js';
import { getPool } from '../../user-pools/pools.js';
import { poolJwks } from '../../tokens/keys.js';
import { issuerFor } from '../../tokens/claims.js';
import { openIdConfiguration } from '../../oauth/discovery.js';
import type { Services } from '../../services.js';

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

async function withPool(svc: Services, poolId: string, reply: FastifyReply, then: () => Promise<unknown>) {
  try {
    if (!POOL_ID.test(poolId)) throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
    await getPool(svc, poolId);
    return await then();
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'ResourceNotFoundException') return sendJsonError(reply, e.withStatus(404));
    throw e;
  }
}

export default function wellKnown(app: FastifyInstance, svc: Services): void {
  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/jwks.json', (req, reply) =>
    withPool(svc, req.params.poolId, reply, async () =>
      reply
        .header('content-type', 'application/json')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(await poolJwks(svc, req.params.poolId))),
    ),
  );

  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/openid-configuration', (req, reply) =>
    withPool(svc, req.params.poolId, reply, async () => {
      const issuer = issuerFor(svc, req.params.poolId);
      const base = svc.config.publicUrl.replace(/\/+$/, '');
      return reply
        .header('content-type', 'application/json')
        .header('cache-control', 'public, max-age=300')
        .send(JSON.stringify(openIdConfiguration(issuer, base)));
    }),
  );
}
