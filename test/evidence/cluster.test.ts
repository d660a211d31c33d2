/**
 * Threat: a cluster that keeps state in one node's memory. Three Cognate nodes on one PostgreSQL schema must
 * behave as one service: a user made on one node signs in on another, a revocation on one is honoured by the
 * others on the very next request, a race for one username on all three leaves exactly one user, and a signing
 * key rotated on one node is used and accepted by all.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  SignUpCommand,
  AdminConfirmSignUpCommand,
  InitiateAuthCommand,
  GlobalSignOutCommand,
  GetUserCommand,
  AdminGetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeProtectedHeader } from 'jose';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { rotateSigningKeys } from '../../src/tokens/keys.js';

const PASSWORD = 'Cluster-Passw0rd!';

describe('three nodes on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let c: TestServer;
  let poolId: string;
  let clientId: string;

  before(async () => {
    const schema = `t_cluster_${randomBytes(5).toString('hex')}`;
    const masterKey = randomBytes(32).toString('base64');
    // Nodes behind one load balancer share one public URL (the token issuer).
    const opts = { schema, masterKey, env: { COGNATE_PUBLIC_URL: 'http://cognate-cluster.test' } };
    a = await startTestServer('postgres', opts);
    [b, c] = await Promise.all([startTestServer('postgres', opts), startTestServer('postgres', opts)]);
    const pool = await a.idp.send(new CreateUserPoolCommand({ PoolName: 'cluster' }));
    poolId = pool.UserPool!.Id!;
    const client = await b.idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    clientId = client.UserPoolClient!.ClientId!;
  });

  after(async () => {
    // Only the last node drops the shared schema.
    for (const s of [a, b]) {
      s?.idp.destroy();
      s?.publicIdp.destroy();
      await s?.close();
    }
    await c?.stop();
  });

  const signIn = (s: TestServer, username: string) =>
    s.publicIdp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));

  it('sign up on A, confirm on B, sign in on C', async () => {
    const out = await a.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: PASSWORD }));
    assert.equal(out.UserConfirmed, false);
    await b.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'alice' }));
    const auth = await signIn(c, 'alice');
    assert.ok(auth.AuthenticationResult?.AccessToken);
    const me = await a.publicIdp.send(new GetUserCommand({ AccessToken: auth.AuthenticationResult!.AccessToken! }));
    assert.equal(me.Username, 'alice');
  });

  it('GlobalSignOut on A is honoured by B and C on the next request', async () => {
    await a.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: PASSWORD }));
    await b.idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'bob' }));
    const auth = await signIn(c, 'bob');
    const token = auth.AuthenticationResult!.AccessToken!;
    // Both other nodes accept the token first (and may cache whatever they like about it).
    for (const s of [b, c]) assert.equal((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).Username, 'bob');
    await a.publicIdp.send(new GlobalSignOutCommand({ AccessToken: token }));
    for (const s of [b, c]) {
      await assert.rejects(s.publicIdp.send(new GetUserCommand({ AccessToken: token })), (e: Error) => {
        assert.equal(e.name, 'NotAuthorizedException');
        return true;
      });
    }
    // The refresh token died with it, on every node.
    for (const s of [a, b, c]) {
      await assert.rejects(
        s.publicIdp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: auth.AuthenticationResult!.RefreshToken! } })),
        { name: 'NotAuthorizedException' },
      );
    }
  });

  it('the same username signed up on all three at once yields exactly one user', async () => {
    for (let round = 0; round < 5; round++) {
      const username = `race-${round}`;
      const results = await Promise.allSettled(
        [a, b, c].map((s) => s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: PASSWORD }))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(ok.length, 1, `round ${round}: ${ok.length} sign-ups succeeded: ${failed.map((f) => (f.reason as Error).name).join(', ')}`);
      for (const f of failed) assert.equal((f.reason as Error).name, 'UsernameExistsException', (f.reason as Error).message);
      const sub = (ok[0] as PromiseFulfilledResult<{ UserSub?: string }>).value.UserSub;
      for (const s of [a, b, c]) {
        const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
        assert.equal(u.UserAttributes?.find((x) => x.Name === 'sub')?.Value, sub);
      }
      const listed = await c.idp.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `username = "${username}"` }));
      assert.equal(listed.Users?.length, 1);
    }
  });

  it('a signing key rotated on A is accepted by B and C at once and used by them after their cache period', async () => {
    const { current } = await rotateSigningKeys(a.svc, poolId);
    const fresh = await signIn(a, 'alice');
    const token = fresh.AuthenticationResult!.AccessToken!;
    assert.equal(decodeProtectedHeader(token).kid, current.access);
    for (const s of [b, c]) assert.equal((await s.publicIdp.send(new GetUserCommand({ AccessToken: token }))).Username, 'alice');
    // Nodes re-read key status within seconds; move their clocks past that instead of sleeping.
    for (const s of [b, c]) s.clock.advance(6_000);
    for (const s of [b, c]) {
      const t = (await signIn(s, 'alice')).AuthenticationResult!.AccessToken!;
      assert.equal(decodeProtectedHeader(t).kid, current.access);
      const jwks = (await (await fetch(`${s.url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      assert.ok(jwks.keys.some((k) => k.kid === current.access), 'the JWKS of every node publishes the new key');
    }
  });
});
