/**
 * Guessing at scale: one address spraying failures over many names is cut off with TooManyRequestsException
 * (other addresses unaffected, the window ends), and SRP claims count towards the same per-user lockout as
 * plain passwords — through the admin API, whose ContextData names the end user's address.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, CognitoIdentityProviderClient, type AdminInitiateAuthCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, clientA, createClient, createPool, createUser, failure, srpClaim } from './fixtures.js';
import { attemptsRepo } from '../../src/store/attempts-repo.js';
import { recordFailure } from '../../src/auth/lockout.js';

const ctxData = (IpAddress: string) => ({ IpAddress, ServerName: 'app.example.com', ServerPath: '/login', HttpHeaders: [] });

for (const d of DIALECTS) {
  describe(`throttling (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;

    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] })).id;
      await createUser(s.idp, poolId, 'bob');
    });
    after(() => s.stop());

    const adminAuth = (input: Partial<AdminInitiateAuthCommandInput>) =>
      s.idp.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ...input }));

    it('cuts off an address after 100 failures in 5 minutes, and only that address', async () => {
      // Concurrent batches: the counter is one atomic upsert, so parallel failures from many nodes all count.
      for (let batch = 0; batch < 4; batch++) {
        const errs = await Promise.all(Array.from({ length: 25 }, (_, i) =>
          failure(adminAuth({ AuthParameters: { USERNAME: `ghost${batch}-${i}`, PASSWORD }, ContextData: ctxData('203.0.113.7') }))));
        for (const e of errs) assert.equal(e.name, 'UserNotFoundException');
      }
      const blocked = await failure(adminAuth({ AuthParameters: { USERNAME: 'bob', PASSWORD }, ContextData: ctxData('203.0.113.7') }));
      assert.equal(blocked.name, 'TooManyRequestsException');
      const other = await adminAuth({ AuthParameters: { USERNAME: 'bob', PASSWORD }, ContextData: ctxData('198.51.100.1') });
      assert.ok(other.AuthenticationResult?.AccessToken);
      const skip = 5 * 60_000 + 1000;
      s.clock.advance(skip);
      // The admin API is SigV4-signed, so the caller's clock moves with ours.
      const later = new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1, systemClockOffset: skip });
      try {
        const r = await later.send(new AdminInitiateAuthCommand({
          UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD }, ContextData: ctxData('203.0.113.7'),
        }));
        assert.ok(r.AuthenticationResult?.AccessToken);
      } finally {
        later.destroy();
        s.clock.advance(-skip);
      }
    });

    it('counts failed SRP claims towards the user lockout (admin SRP flow)', async () => {
      await createUser(s.idp, poolId, 'carol');
      const srp = async (password: string) => {
        const eph = clientA();
        const r = await s.idp.send(new AdminInitiateAuthCommand({
          UserPoolId: poolId, ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'carol', SRP_A: eph.A },
        }));
        return s.idp.send(new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId, ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: srpClaim(poolId, r.ChallengeParameters!, eph, password),
        }));
      };
      assert.ok((await srp(PASSWORD)).AuthenticationResult?.IdToken);
      for (let i = 0; i < 5; i++) {
        const e = await failure(srp(`Wrong-${i}-Pass`));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Incorrect username or password.']);
      }
      const locked = await failure(srp(PASSWORD));
      assert.deepEqual([locked.name, locked.message], ['NotAuthorizedException', 'Password attempts exceeded']);
      const lockedPw = await failure(adminAuth({ AuthParameters: { USERNAME: 'carol', PASSWORD } }));
      assert.deepEqual([lockedPw.name, lockedPw.message], ['NotAuthorizedException', 'Password attempts exceeded']);
    });

    it('stale counters can be swept, live locks stay', async () => {
      const now = s.clock.now();
      await recordFailure(s.svc, 'signin:test:stale', '192.0.2.55');
      for (let i = 0; i < 6; i++) await recordFailure(s.svc, 'signin:test:locked', undefined);
      await attemptsRepo.lockUntil(s.svc.db, 'signin:test:locked', now + 48 * 3600_000);
      await attemptsRepo.deleteStale(s.svc.db, now + 1000, now + 25 * 3600_000);
      assert.equal(await attemptsRepo.get(s.svc.db, 'signin:test:stale'), undefined);
      assert.equal(await attemptsRepo.get(s.svc.db, 'signin-ip:192.0.2.55'), undefined);
      assert.equal((await attemptsRepo.get(s.svc.db, 'signin:test:locked'))?.count, 6);
    });
  });
}
