/**
 * Threat: a node that keeps serving a pool or app-client setting after it was changed. Each node caches pool
 * and client configuration (src/user-pools/pools.ts); a change must hold at once on the node that made it and
 * on every other node once configCacheTtlMs (default 1 s) has passed, never later. A deleted client must stop
 * working on both. Two nodes share one PostgreSQL schema, as a cluster does.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestServer } from '../helpers/server.js';

const PASSWORD = 'Cache-Passw0rd!';
const TTL_MS = 1000;
const afterTtl = () => new Promise((r) => setTimeout(r, TTL_MS + 250));

describe('pool and client configuration cache on two nodes', () => {
  let a: TestServer;
  let b: TestServer;
  let poolId: string;

  before(async () => {
    const schema = `t_cfgcache_${randomBytes(5).toString('hex')}`;
    const opts = { schema, masterKey: randomBytes(32).toString('base64'), env: { COGNATE_PUBLIC_URL: 'http://cognate-cache.test', COGNATE_CONFIG_CACHE_TTL_MS: String(TTL_MS) } };
    a = await startTestServer('postgres', opts);
    b = await startTestServer('postgres', opts);
    poolId = (await a.idp.send(new CreateUserPoolCommand({ PoolName: 'cache' }))).UserPool!.Id!;
    await a.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' }));
    await a.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'carol', Password: PASSWORD, Permanent: true }));
  });

  after(async () => {
    a?.idp.destroy();
    a?.publicIdp.destroy();
    await a?.close();
    await b?.stop();
  });

  const signIn = (s: TestServer, clientId: string) =>
    s.publicIdp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD } }));
  const refused = async (s: TestServer, clientId: string, type: string) => {
    await assert.rejects(signIn(s, clientId), (e: Error) => e.name === type);
  };

  it('a disabled auth flow is refused at once on the changing node and within the TTL on the other', async () => {
    const clientId = (
      await a.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
    ).UserPoolClient!.ClientId!;
    // Both nodes have read (and cached) the client.
    for (const s of [a, b]) assert.ok((await signIn(s, clientId)).AuthenticationResult?.AccessToken);
    await a.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }));
    await refused(a, clientId, 'InvalidParameterException');
    await afterTtl();
    await refused(b, clientId, 'InvalidParameterException');
  });

  it('a change made on the other node is seen by the first, and a deleted client stops working on both', async () => {
    const clientId = (
      await b.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app2', ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }))
    ).UserPoolClient!.ClientId!;
    for (const s of [a, b]) await refused(s, clientId, 'InvalidParameterException');
    await b.idp.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }));
    assert.ok((await signIn(b, clientId)).AuthenticationResult?.AccessToken);
    await afterTtl();
    assert.ok((await signIn(a, clientId)).AuthenticationResult?.AccessToken);
    await a.idp.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await refused(a, clientId, 'ResourceNotFoundException');
    await afterTtl();
    await refused(b, clientId, 'ResourceNotFoundException');
  });
});
