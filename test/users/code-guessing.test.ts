/**
 * Threat: brute-forcing a 6-digit code by sending many guesses at once, so that every request reads the
 * attempt counter before any of them increments it. Each try must spend an attempt atomically before the
 * comparison: at most five guesses are ever compared, after which even the right code is refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfirmForgotPasswordCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, attrs, createClient, createPool, lastCode } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`parallel code guessing (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(() => s.stop());

    it('compares at most five guesses, then refuses even the right code', async () => {
      const poolId = await createPool(s, {});
      const clientId = (await createClient(s, poolId)).id;
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'vera', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'vera@example.com', email_verified: 'true' }) }));
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'vera', Password: PASSWORD, Permanent: true }));
      await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'vera' }));
      const code = await lastCode(s.url, poolId, 'vera');
      const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
      const results = await Promise.allSettled(
        guesses.map((g) => s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'vera', ConfirmationCode: g, Password: 'Other-Pass-77' }))),
      );
      const names = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'));
      assert.ok(!names.includes('ok'));
      assert.ok(names.filter((n) => n === 'CodeMismatchException').length <= 5, `compared: ${names.join(',')}`);
      await assert.rejects(
        s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'vera', ConfirmationCode: code, Password: 'Other-Pass-77' })),
        (e: Error) => e.name === 'LimitExceededException',
      );
    });
  });
}
