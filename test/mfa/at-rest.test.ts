/**
 * MFA secrets at rest and across user lifetimes. Threats: a copy of the database (TOTP seeds and device SRP
 * verifiers must be sealed, never stored as given), a user deleted and re-created under the same name (must not
 * inherit the old authenticator), and brute-forcing VerifySoftwareToken (attempt cap on a pending seed).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  AdminCreateUserCommand, AdminDeleteUserCommand, AdminSetUserMFAPreferenceCommand, AssociateSoftwareTokenCommand, ConfirmDeviceCommand,
  InitiateAuthCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, PG_URL, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, createClient, createPool, createUser, failure, setMfa, totp } from './fixtures.js';

/** Every text value of the MFA and device tables, straight from the database. */
async function storedText(s: TestServer): Promise<string> {
  const tables = ['mfa_totp', 'devices', 'users'];
  if (s.dialect === 'sqlite') {
    const db = new Database(path.join(s.dataDir, 'cognate.sqlite'), { readonly: true });
    try {
      return tables.map((t) => JSON.stringify(db.prepare(`select * from ${t}`).all())).join('\n');
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const out: string[] = [];
    for (const t of tables) out.push(JSON.stringify((await c.query(`select * from "${s.schema}".${t}`)).rows));
    return out.join('\n');
  } finally {
    await c.end();
  }
}

for (const d of DIALECTS) {
  describe(`MFA secrets at rest (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } });
      await setMfa(s.idp, poolId, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
      clientId = (await createClient(s.idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
    });
    after(() => s.stop());

    const passwordSignIn = (u: string) =>
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: u, PASSWORD } }));

    it('stores TOTP seeds and device verifiers sealed (threat: a leaked database)', async () => {
      await createUser(s.idp, poolId, 'kim');
      const r = await passwordSignIn('kim');
      const AccessToken = r.AuthenticationResult!.AccessToken!;
      const { SecretCode } = await s.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const pending = await storedText(s);
      assert.ok(!pending.includes(SecretCode!), 'the pending seed is sealed');
      await s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(s, SecretCode!) }));

      const meta = r.AuthenticationResult!.NewDeviceMetadata!;
      const verifier = randomBytes(384);
      const salt = randomBytes(16);
      await s.publicIdp.send(new ConfirmDeviceCommand({
        AccessToken, DeviceKey: meta.DeviceKey, DeviceName: 'laptop',
        DeviceSecretVerifierConfig: { PasswordVerifier: verifier.toString('base64'), Salt: salt.toString('base64') },
      }));
      const text = await storedText(s);
      assert.ok(text.includes(meta.DeviceKey!), 'the device row is there');
      for (const secret of [SecretCode!, verifier.toString('hex'), verifier.toString('base64'), salt.toString('hex')]) {
        assert.ok(!text.includes(secret), 'no secret appears in the clear');
      }
    });

    it('does not hand an old authenticator to a user re-created under the same name', async () => {
      await createUser(s.idp, poolId, 'lee');
      const AccessToken = (await passwordSignIn('lee')).AuthenticationResult!.AccessToken!;
      const { SecretCode } = await s.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      await s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(s, SecretCode!) }));
      await admin(s).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'lee', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
      await admin(s).send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'lee' }));
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'lee', MessageAction: 'SUPPRESS' }));
      const e = await failure(admin(s).send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'lee', SoftwareTokenMfaSettings: { Enabled: true } })));
      assert.deepEqual([e.name, e.message], ['InvalidParameterException', 'User has not verified software token mfa']);
    });

    it('caps wrong VerifySoftwareToken codes on a pending seed (threat: guessing the enrolment code)', async () => {
      await createUser(s.idp, poolId, 'max');
      const AccessToken = (await passwordSignIn('max')).AuthenticationResult!.AccessToken!;
      const { SecretCode } = await s.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const right = totp(s, SecretCode!);
      const wrong = String((Number(right) + 11) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) {
        assert.equal((await failure(s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })))).name, 'EnableSoftwareTokenMFAException');
      }
      assert.equal((await failure(s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: right })))).name, 'LimitExceededException');
      // A new association starts over.
      const again = await s.publicIdp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const ok = await s.publicIdp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(s, again.SecretCode!) }));
      assert.equal(ok.Status, 'SUCCESS');
    });
  });
}
