/**
 * Amplify v6 token handling against us, unmodified: fetchAuthSession({ forceRefresh }) refreshes through
 * GetTokensFromRefreshToken (keeping the authentication), follows refresh-token rotation, signOut() revokes the
 * refresh token with RevokeToken (so the old access token dies too), and signOut({ global: true }) signs out
 * everywhere.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser, failure } from '../auth/fixtures.js';

for (const d of DIALECTS) {
  describe(`Amplify v6 tokens (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let plain: string;
    let rotating: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      plain = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
      rotating = (
        await createClient(s.idp, poolId, {
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
        })
      ).id;
      await createUser(s.idp, poolId, 'alice');
    });
    after(async () => {
      await signOut().catch(() => undefined);
      await s.stop();
    });

    const use = (clientId: string) => Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: s.url } } });
    const getUser = (AccessToken: string) => s.publicIdp.send(new GetUserCommand({ AccessToken }));

    it('refreshes with forceRefresh and revokes on signOut', async () => {
      use(plain);
      await signIn({ username: 'alice', password: PASSWORD });
      const first = (await fetchAuthSession()).tokens!;
      const again = (await fetchAuthSession({ forceRefresh: true })).tokens!;
      assert.notEqual(again.accessToken.toString(), first.accessToken.toString());
      assert.equal(again.accessToken.payload.origin_jti, first.accessToken.payload.origin_jti);
      assert.equal((await getUser(again.accessToken.toString())).Username, 'alice');
      await signOut();
      for (const t of [first, again]) {
        const e = await failure(getUser(t.accessToken.toString()));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has been revoked']);
      }
    });

    it('follows refresh-token rotation', async () => {
      use(rotating);
      await signIn({ username: 'alice', password: PASSWORD });
      const first = (await fetchAuthSession()).tokens!;
      const second = (await fetchAuthSession({ forceRefresh: true })).tokens!;
      // with no grace period a second refresh succeeds only if Amplify stored the rotated refresh token
      const third = (await fetchAuthSession({ forceRefresh: true })).tokens!;
      assert.equal(third.accessToken.payload.origin_jti, first.accessToken.payload.origin_jti);
      assert.notEqual(third.accessToken.toString(), second.accessToken.toString());
      await signOut();
    });

    it('signs out globally', async () => {
      use(plain);
      await signIn({ username: 'alice', password: PASSWORD });
      const t = (await fetchAuthSession()).tokens!;
      await signOut({ global: true });
      const e = await failure(getUser(t.accessToken.toString()));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has been revoked']);
    });
  });
}
