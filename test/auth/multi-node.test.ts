/**
 * Threat: sign-in state kept in one node's memory. Two nodes on one database (a PostgreSQL schema, or one
 * SQLite file opened twice): an SRP challenge issued
 * by one is answered on the other (and only once), a new-password session crosses nodes, and failures spread
 * over both nodes lock the account on both.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, clientA, createClient, createPool, createTempUser, createUser, failure, srpClaim } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`sign-in across nodes (${d})`, () => {
    let a: TestServer;
    let b: TestServer;
    let poolId: string;
    let clientId: string;

    before(async () => {
      const masterKey = randomBytes(32).toString('base64');
      a = await startTestServer(d, { masterKey });
      b = await startTestServer(d, { masterKey, schema: a.schema, dataDir: a.dataDir });
      poolId = await createPool(a.idp);
      clientId = (await createClient(a.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] })).id;
      await createUser(a.idp, poolId, 'nora');
    });
    after(async () => {
      await b.stop();
      await a.stop();
    });

    it('an SRP challenge from one node is answered on the other, once', async () => {
      const eph = clientA();
      const r = await a.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'nora', SRP_A: eph.A } }));
      const answer = (node: TestServer) => node.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: srpClaim(poolId, r.ChallengeParameters!, eph, PASSWORD),
      }));
      assert.ok((await answer(b)).AuthenticationResult?.AccessToken);
      const again = await failure(answer(a));
      assert.deepEqual([again.name, again.message], ['NotAuthorizedException', 'Invalid session for the user, session is expired.']);
    });

    it('a new-password session crosses nodes', async () => {
      await createTempUser(b.idp, poolId, 'olga', 'Temp-Pass-123');
      const r = await b.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'olga', PASSWORD: 'Temp-Pass-123' } }));
      const ok = await a.publicIdp.send(new RespondToAuthChallengeCommand({
        ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: r.Session, ChallengeResponses: { USERNAME: 'olga', NEW_PASSWORD: 'New-Pass-456' },
      }));
      assert.ok(ok.AuthenticationResult?.IdToken);
    });

    it('failures on both nodes add up to one lockout', async () => {
      const signIn = (node: TestServer, password: string) =>
        node.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'nora', PASSWORD: password } }));
      for (let i = 0; i < 5; i++) await failure(signIn(i % 2 ? a : b, `Wrong-Pass-${i}`));
      for (const node of [a, b]) {
        const e = await failure(signIn(node, PASSWORD));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Password attempts exceeded']);
      }
    });
  });
}
