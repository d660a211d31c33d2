/**
 * Remembered devices as amazon-cognito-identity-js drives them: the first sign-in gets NewDeviceMetadata and the
 * library confirms the device (ConfirmDevice with its SRP verifier), setDeviceStatusRemembered, and the next
 * sign-in skips TOTP through DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, which the library does by itself with
 * the device key in its storage. Device APIs through the SDK v3 (self-service and admin). Threats: another user's
 * device key, an unknown key ("Device does not exist." exactly), a forgotten device's refresh token, a
 * not-remembered device standing in for MFA.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminForgetDeviceCommand, AdminGetDeviceCommand, AdminListDevicesCommand, AdminUpdateDeviceStatusCommand, ForgetDeviceCommand, GetDeviceCommand,
  GetTokensFromRefreshTokenCommand, InitiateAuthCommand, ListDevicesCommand, UpdateDeviceStatusCommand, type DeviceType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import {
  MemoryStorage, PASSWORD, admin, associate, call, createClient, createPool, createUser, expectStep, failure, identityJs, nextStep, sendMfaCode, setMfa,
  signIn, totp, verifyToken,
} from '../mfa/fixtures.js';

const status = (dev: DeviceType | undefined) => dev?.DeviceAttributes?.find((a) => a.Name === 'dev:device_remembered_status')?.Value;
const claims = (session: CognitoUserSession) => session.getAccessToken().decodePayload();

for (const d of DIALECTS) {
  describe(`remembered devices (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } });
      await setMfa(s.idp, poolId, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
      clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
    });
    after(() => s.stop());

    /** A user with TOTP enrolled on a device the library confirmed; returns the secret, storage and device key. */
    async function enrolled(username: string) {
      await createUser(s.idp, poolId, username);
      const ijs = identityJs(s, poolId, clientId, new MemoryStorage());
      const user = ijs.user(username);
      const first = expectStep(await signIn(user, username, PASSWORD), 'success');
      assert.equal(first.userConfirmationNecessary, true, 'DeviceOnlyRememberedOnUserPrompt: the app must ask');
      const deviceKey = ijs.storage.getItem(`CognitoIdentityServiceProvider.${clientId}.${username}.deviceKey`)!;
      assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
      assert.equal(claims(first.session).device_key, deviceKey, 'tokens carry the device they were issued to');
      const secret = await associate(user);
      expectStep(await verifyToken(user, totp(s, secret)), 'success');
      await call((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));
      return { ijs, user, secret, deviceKey, session: first.session };
    }

    it('skips TOTP on a remembered device through device SRP', async () => {
      const { ijs, user, secret, deviceKey, session } = await enrolled('dora');
      const access = session.getAccessToken().getJwtToken();
      const before = await s.publicIdp.send(new GetDeviceCommand({ AccessToken: access, DeviceKey: deviceKey }));
      assert.equal(status(before.Device), 'not_remembered');
      await new Promise<void>((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: () => resolve(), onFailure: reject }));

      nextStep(s);
      const again = ijs.user('dora');
      const done = expectStep(await signIn(again, 'dora', PASSWORD), 'success');
      assert.equal(claims(done.session).device_key, deviceKey);

      const list = await s.publicIdp.send(new ListDevicesCommand({ AccessToken: done.session.getAccessToken().getJwtToken() }));
      assert.deepEqual(list.Devices?.map((x) => x.DeviceKey), [deviceKey]);
      assert.equal(status(list.Devices![0]), 'remembered');
      const names = list.Devices![0]!.DeviceAttributes!.map((a) => a.Name);
      assert.ok(names.includes('device_name') && names.includes('device_status'));
      const adminList = await admin(s).send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'dora' }));
      assert.deepEqual(adminList.Devices?.map((x) => x.DeviceKey), [deviceKey]);
      const one = await admin(s).send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'dora', DeviceKey: deviceKey }));
      assert.equal(one.Device?.DeviceKey, deviceKey);

      // Refresh keeps the device binding.
      const r = await s.publicIdp.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: done.session.getRefreshToken().getToken(), DeviceKey: deviceKey }));
      assert.equal(JSON.parse(Buffer.from(r.AuthenticationResult!.AccessToken!.split('.')[1]!, 'base64url').toString()).device_key, deviceKey);

      // Not remembered any more: TOTP first, then the device proof (the library answers DEVICE_SRP_AUTH after the code).
      await admin(s).send(new AdminUpdateDeviceStatusCommand({ UserPoolId: poolId, Username: 'dora', DeviceKey: deviceKey, DeviceRememberedStatus: 'not_remembered' }));
      nextStep(s);
      const third = ijs.user('dora');
      expectStep(await signIn(third, 'dora', PASSWORD), 'totpRequired');
      const afterMfa = expectStep(await sendMfaCode(third, totp(s, secret), 'SOFTWARE_TOKEN_MFA'), 'success');
      assert.equal(claims(afterMfa.session).device_key, deviceKey);
    });

    it('answers "Device does not exist." for unknown and foreign keys, and the library then signs in without the key', async () => {
      const a = await enrolled('alma');
      const b = await enrolled('bert');
      const accessA = a.session.getAccessToken().getJwtToken();
      for (const key of ['us-east-1_00000000-0000-4000-8000-000000000000', b.deviceKey]) {
        for (const call of [
          () => s.publicIdp.send(new GetDeviceCommand({ AccessToken: accessA, DeviceKey: key })),
          () => s.publicIdp.send(new UpdateDeviceStatusCommand({ AccessToken: accessA, DeviceKey: key, DeviceRememberedStatus: 'remembered' })),
          () => s.publicIdp.send(new ForgetDeviceCommand({ AccessToken: accessA, DeviceKey: key })),
          () => admin(s).send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alma', DeviceKey: key })),
        ]) {
          const e = await failure(call());
          assert.deepEqual([e.name, e.message], ['ResourceNotFoundException', 'Device does not exist.']);
        }
      }
      // bert's device is untouched by alma's attempts.
      const bDev = await admin(s).send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'bert', DeviceKey: b.deviceKey }));
      assert.equal(status(bDev.Device), 'not_remembered');

      // alma forgets her device: its refresh token dies, and her stored key is dropped by the library on the next sign-in.
      await s.publicIdp.send(new ForgetDeviceCommand({ AccessToken: accessA, DeviceKey: a.deviceKey }));
      const refresh = await failure(s.publicIdp.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: a.session.getRefreshToken().getToken() })));
      assert.equal(refresh.name, 'NotAuthorizedException');
      nextStep(s);
      const again = a.ijs.user('alma');
      expectStep(await signIn(again, 'alma', PASSWORD), 'totpRequired');
      const done = expectStep(await sendMfaCode(again, totp(s, a.secret), 'SOFTWARE_TOKEN_MFA'), 'success');
      assert.notEqual(claims(done.session).device_key, a.deviceKey, 'a new device was handed out');

      // A password sign-in naming an unknown device is refused with the same text.
      const e = await failure(s.publicIdp.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'bert', PASSWORD, DEVICE_KEY: a.deviceKey },
      })));
      assert.deepEqual([e.name, e.message], ['ResourceNotFoundException', 'Device does not exist.']);
      await admin(s).send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'bert', DeviceKey: b.deviceKey }));
      assert.deepEqual((await admin(s).send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'bert' }))).Devices, []);
    });

    it('pages ListDevices', async () => {
      await createUser(s.idp, poolId, 'pat');
      const storage = new MemoryStorage();
      let last: CognitoUserSession | undefined;
      for (let i = 0; i < 3; i++) {
        storage.clear(); // a new browser each time: a new device
        const u = identityJs(s, poolId, clientId, storage).user('pat');
        last = expectStep(await signIn(u, 'pat', PASSWORD), 'success').session;
      }
      const token = last!.getAccessToken().getJwtToken();
      const p1 = await s.publicIdp.send(new ListDevicesCommand({ AccessToken: token, Limit: 2 }));
      assert.equal(p1.Devices?.length, 2);
      assert.ok(p1.PaginationToken);
      const p2 = await s.publicIdp.send(new ListDevicesCommand({ AccessToken: token, Limit: 2, PaginationToken: p1.PaginationToken }));
      assert.equal(p2.Devices?.length, 1);
      assert.equal(p2.PaginationToken, undefined);
      assert.equal(new Set([...p1.Devices!, ...p2.Devices!].map((x) => x.DeviceKey)).size, 3);
    });
  });
}
