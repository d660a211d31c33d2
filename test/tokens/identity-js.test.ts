/**
 * amazon-cognito-identity-js as apps use it: sign in, getSession, refreshSession (REFRESH_TOKEN_AUTH through
 * the library, in an email-as-username pool where the canonical username is the sub), getUserData with the
 * refreshed access token, globalSignOut, and the library's view of the revoked session afterwards.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser } from '../auth/fixtures.js';

const call = <T>(f: (cb: (err: any, r?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => f((err, r) => (err ? reject(err) : resolve(r as T))));

for (const d of DIALECTS) {
  describe(`amazon-cognito-identity-js sessions (${d})`, () => {
    let s: TestServer;
    let pool: CognitoUserPool;
    before(async () => {
      s = await startTestServer(d);
      const poolId = await createPool(s.idp, { UsernameAttributes: ['email'] });
      const c = await createClient(s.idp, poolId, { GenerateSecret: false });
      pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: c.id, endpoint: s.url });
      await createUser(s.idp, poolId, 'ida@example.com', PASSWORD, { email: 'ida@example.com', email_verified: 'true' });
    });
    after(() => s.stop());

    it('refreshes a session and signs out globally', async () => {
      const user = new CognitoUser({ Username: 'ida@example.com', Pool: pool });
      const session = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.authenticateUser(new AuthenticationDetails({ Username: 'ida@example.com', Password: PASSWORD }), { onSuccess: resolve, onFailure: reject }),
      );
      const idClaims = session.getIdToken().decodePayload();
      assert.equal(idClaims.email, 'ida@example.com');
      assert.equal(idClaims['cognito:username'], idClaims.sub, 'email-as-username pools use the sub as username');

      const refreshed = await call<CognitoUserSession>((cb) => user.refreshSession(session.getRefreshToken(), cb));
      assert.ok(refreshed.isValid());
      assert.equal(refreshed.getAccessToken().decodePayload().origin_jti, session.getAccessToken().decodePayload().origin_jti);
      assert.equal(refreshed.getRefreshToken().getToken(), session.getRefreshToken().getToken(), 'the library keeps the refresh token');
      const data = await call<any>((cb) => user.getUserData(cb, { bypassCache: true }));
      assert.equal(data.Username, idClaims.sub);

      await new Promise<void>((resolve, reject) => user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }));
      const e = await call((cb) => (user as any).client.request('GetUser', { AccessToken: refreshed.getAccessToken().getJwtToken() }, cb)).then(
        () => undefined,
        (err: { code?: string; message: string }) => err,
      );
      assert.deepEqual([e?.code, e?.message], ['NotAuthorizedException', 'Access Token has been revoked']);
      const r = await call((cb) => user.refreshSession(session.getRefreshToken(), cb)).then(
        () => undefined,
        (err: { code?: string; message: string }) => err,
      );
      assert.deepEqual([r?.code, r?.message], ['NotAuthorizedException', 'Refresh Token has been revoked']);
    });
  });
}
