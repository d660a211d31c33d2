/**
 * The user lifecycle as apps drive it with amazon-cognito-identity-js: signUp → confirmRegistration →
 * authenticateUser (SRP against the verifier stored at sign-up) → updateAttributes / verifyAttribute →
 * changePassword → forgotPassword / confirmPassword → deleteUser, in an email-as-username pool.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, type CognitoUserSession, type ISignUpResult } from 'amazon-cognito-identity-js';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, lastCode } from './fixtures.js';

const call = <T>(f: (cb: (err: any, r?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => f((err, r) => (err ? reject(err) : resolve(r as T))));

for (const d of DIALECTS) {
  describe(`amazon-cognito-identity-js user lifecycle (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let pool: CognitoUserPool;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s, { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
      const c = await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED' });
      pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: c.id, endpoint: s.url });
    });
    after(() => s.stop());

    const signIn = (user: CognitoUser, email: string, password: string) =>
      new Promise<CognitoUserSession>((resolve, reject) =>
        user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), { onSuccess: resolve, onFailure: reject }),
      );

    it('signs up, confirms, signs in with SRP, updates, changes and resets the password, deletes', async () => {
      const email = 'Lena@Example.com';
      const r = await call<ISignUpResult>((cb) => pool.signUp(email, PASSWORD, [new CognitoUserAttribute({ Name: 'given_name', Value: 'Lena' })], [], cb));
      assert.equal(r.userConfirmed, false);
      assert.equal(r.codeDeliveryDetails.DeliveryMedium, 'EMAIL');
      const user = new CognitoUser({ Username: email, Pool: pool });
      const code = await lastCode(s.url, poolId, email);
      assert.equal(await call<string>((cb) => user.confirmRegistration(code, false, cb)), 'SUCCESS');

      const session = await signIn(user, 'lena@example.com', PASSWORD);
      const claims = session.getIdToken().decodePayload();
      assert.equal(claims.sub, r.userSub);
      assert.equal(claims.email_verified, true);

      await call((cb) => user.updateAttributes([new CognitoUserAttribute({ Name: 'email', Value: 'lena.new@example.com' })], cb));
      const vcode = await lastCode(s.url, poolId, 'lena.new@example.com');
      await new Promise<void>((resolve, reject) => user.verifyAttribute('email', vcode, { onSuccess: () => resolve(), onFailure: reject }));
      const attrs = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
      const map = Object.fromEntries(attrs.map((a) => [a.getName(), a.getValue()]));
      assert.equal(map.email, 'lena.new@example.com');
      assert.equal(map.email_verified, 'true');
      assert.equal(map.given_name, 'Lena');

      await call((cb) => user.changePassword(PASSWORD, 'Changed-Pass-5', cb));
      const again = new CognitoUser({ Username: 'lena.new@example.com', Pool: pool });
      await signIn(again, 'lena.new@example.com', 'Changed-Pass-5');

      const delivery = await new Promise<any>((resolve, reject) => again.forgotPassword({ onSuccess: () => undefined, onFailure: reject, inputVerificationCode: resolve }));
      assert.equal(delivery.CodeDeliveryDetails.Destination, 'l***@e***');
      const reset = await lastCode(s.url, poolId, 'lena.new@example.com');
      await new Promise<void>((resolve, reject) => again.confirmPassword(reset, 'Reset-Pass-6', { onSuccess: () => resolve(), onFailure: reject }));
      const third = new CognitoUser({ Username: 'LENA.NEW@example.com', Pool: pool });
      await signIn(third, 'LENA.NEW@example.com', 'Reset-Pass-6');

      await call((cb) => third.deleteUser(cb));
      const gone = await signIn(new CognitoUser({ Username: 'lena.new@example.com', Pool: pool }), 'lena.new@example.com', 'Reset-Pass-6').then(
        () => undefined,
        (e: { code?: string }) => e,
      );
      assert.equal(gone?.code, 'NotAuthorizedException', 'PreventUserExistenceErrors hides the deleted user');
    });
  });
}
