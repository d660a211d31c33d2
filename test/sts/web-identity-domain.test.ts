/**
 * assumeRoleForWebIdentity, the entry point identity pools use for GetCredentialsForIdentity: the role's trust
 * policy decides (Federated principal, action, aud/amr conditions), the duration must fit MaxSessionDuration, and
 * the credentials it returns resolve on the server (and stop resolving when they expire or are altered).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { createRole } from '../../src/iam-admin/roles.js';
import { assumeRoleForWebIdentity, resolveSession } from '../../src/sts/index.js';
import { ServiceError } from '../../src/errors.js';

const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
const trust = (aud: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': aud },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ],
  });

const ctx = (aud: string, amr: string[]) => ({
  'cognito-identity.amazonaws.com:aud': aud,
  'cognito-identity.amazonaws.com:amr': amr,
  'cognito-identity.amazonaws.com:sub': 'us-east-1:aaaa',
});

const denied = (e: unknown) => e instanceof ServiceError && e.type === 'AccessDenied' && /sts:AssumeRoleWithWebIdentity/.test(e.message);

for (const dialect of DIALECTS) {
  describe(`assumeRoleForWebIdentity (${dialect})`, () => {
    let server: TestServer;
    let roleArn: string;
    before(async () => {
      server = await startTestServer(dialect);
      roleArn = (await createRole(server.svc, { RoleName: 'Authed', AssumeRolePolicyDocument: trust(POOL), MaxSessionDuration: 7200 })).arn;
    });
    after(() => server.stop());

    test('an authenticated identity of the trusted pool gets ASIA credentials that resolve on the server', async () => {
      const c = await assumeRoleForWebIdentity(server.svc, {
        roleArn,
        roleSessionName: 'CognitoIdentityCredentials',
        provider: 'cognito-identity.amazonaws.com',
        conditionContext: ctx(POOL, ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x']),
      });
      assert.match(c.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(c.secretAccessKey.length, 40);
      assert.equal(c.assumedRoleArn, 'arn:aws:sts::000000000000:assumed-role/Authed/CognitoIdentityCredentials');
      assert.match(c.assumedRoleId, /^AROA[A-Z0-9]{17}:CognitoIdentityCredentials$/);
      assert.ok(Math.abs(c.expiration.getTime() - (server.clock.now() + 3600_000)) < 2000);
      const s = await resolveSession(server.svc, c.accessKeyId, c.sessionToken);
      assert.equal(s.secretAccessKey, c.secretAccessKey);
      assert.equal(s.context['cognito-identity.amazonaws.com:sub'], 'us-east-1:aaaa');
      // Threat: a session token altered by one character, or another session's token, must not authenticate.
      const tampered = c.sessionToken.slice(0, -1) + (c.sessionToken.endsWith('A') ? 'B' : 'A');
      await assert.rejects(resolveSession(server.svc, c.accessKeyId, tampered), (e: ServiceError) => e.type === 'UnrecognizedClientException');
      server.clock.advance(3600_000 + 1000);
      await assert.rejects(resolveSession(server.svc, c.accessKeyId, c.sessionToken), (e: ServiceError) => e.type === 'ExpiredTokenException');
    });

    test('the trust policy refuses another pool, guests, other providers and unknown roles', async () => {
      const base = { roleArn, roleSessionName: 'CognitoIdentityCredentials', provider: 'cognito-identity.amazonaws.com' };
      await assert.rejects(assumeRoleForWebIdentity(server.svc, { ...base, conditionContext: ctx('us-east-1:99999999-0000-0000-0000-000000000000', ['authenticated']) }), denied);
      await assert.rejects(assumeRoleForWebIdentity(server.svc, { ...base, conditionContext: ctx(POOL, ['unauthenticated']) }), denied);
      await assert.rejects(assumeRoleForWebIdentity(server.svc, { ...base, provider: 'accounts.google.com', conditionContext: ctx(POOL, ['authenticated']) }), denied);
      await assert.rejects(
        assumeRoleForWebIdentity(server.svc, { ...base, roleArn: 'arn:aws:iam::000000000000:role/Nope', conditionContext: ctx(POOL, ['authenticated']) }),
        denied,
      );
    });

    test('DurationSeconds must fit the role MaxSessionDuration; session policies must parse', async () => {
      const base = { roleArn, roleSessionName: 's1', provider: 'cognito-identity.amazonaws.com', conditionContext: ctx(POOL, ['authenticated']) };
      const c = await assumeRoleForWebIdentity(server.svc, { ...base, durationSeconds: 7200 });
      assert.ok(Math.abs(c.expiration.getTime() - (server.clock.now() + 7200_000)) < 2000);
      await assert.rejects(assumeRoleForWebIdentity(server.svc, { ...base, durationSeconds: 7201 }), (e: ServiceError) => e.type === 'ValidationError' && /MaxSessionDuration/.test(e.message));
      await assert.rejects(assumeRoleForWebIdentity(server.svc, { ...base, sessionPolicy: '{"Statement":[{"Effect":"Maybe"}]}' }), (e: ServiceError) => e.type === 'MalformedPolicyDocument' && /Effect/.test(e.message));
      const tagged = await assumeRoleForWebIdentity(server.svc, { ...base, principalTags: { team: 'blue' } });
      assert.equal((await resolveSession(server.svc, tagged.accessKeyId, tagged.sessionToken)).principalTags.team, 'blue');
    });
  });
}
