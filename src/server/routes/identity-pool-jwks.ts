/**
 * `GET /.well-known/jwks_uri`: the public keys of the OpenID tokens identity pools issue (the path Cognito
 * Identity uses), for aws-jwt-verify and STS-style verifiers. Publishes public members only.
 */
import type { FastifyInstance } from 'fastify';
import { identityTokenJwks } from '../../identity-pools/openid-token.js';
import type { Services } from '../../services.js';

export default function identityPoolJwks(app: FastifyInstance, svc: Services): void {
  app.get('/.well-known/jwks_uri', async (_req, reply) =>
    reply
      .header('content-type', 'application/json')
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify(await identityTokenJwks(svc))),
  );
}
