/**
 * Minting: header, exact ID/access claim sets (tokens.md §2/§3), attribute filtering and typing, group claims,
 * validity units, and verification of both tokens by aws-jwt-verify against the pool's JWKS.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { issueTokens, issueClientCredentialsToken, atHash } from '../../src/tokens/issue.js';
import { poolJwks } from '../../src/tokens/keys.js';
import { makePool, makeClient, insertUser, insertGroup, claimsOf, headerOf } from './fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const d of DIALECTS) {
  describe(`token issuing (${d})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(d);
    });
    after(async () => {
      await s.stop();
    });

    it('mints ID and access tokens with exactly Cognito\'s claims, verifiable by aws-jwt-verify', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'alice', {
        email: 'alice@example.com',
        email_verified: 'true',
        phone_number: '+15555550100',
        phone_number_verified: 'false',
        'custom:tier': '7',
        updated_at: '1700000000',
        address: '1 Main St',
      });
      const before = Math.floor(s.clock.now() / 1000);
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true, eventId: '5b0c5c6a-9a31-4c5e-9f9c-3f1d1e0b6a11' });
      assert.equal(r.TokenType, 'Bearer');
      assert.equal(r.ExpiresIn, 3600);
      assert.match(r.RefreshToken!, /^[A-Za-z0-9_-]{43}$/);

      const idH = headerOf(r.IdToken);
      const accH = headerOf(r.AccessToken);
      assert.deepEqual(Object.keys(idH).sort(), ['alg', 'kid']);
      assert.equal(idH.alg, 'RS256');
      assert.notEqual(idH.kid, accH.kid, 'ID and access tokens use different keys');

      const id = claimsOf(r.IdToken);
      const iss = `${s.url}/${pool.id}`;
      assert.deepEqual(Object.keys(id).sort(), [
        'address', 'aud', 'auth_time', 'cognito:username', 'custom:tier', 'email', 'email_verified', 'event_id', 'exp', 'iat', 'iss', 'jti',
        'origin_jti', 'phone_number', 'phone_number_verified', 'sub', 'token_use', 'updated_at',
      ]);
      assert.equal(id.sub, user.sub);
      assert.equal(id.aud, client.id);
      assert.equal(id.iss, iss);
      assert.equal(id.token_use, 'id');
      assert.equal(id['cognito:username'], 'alice');
      assert.equal(id.email_verified, true);
      assert.equal(id.phone_number_verified, false);
      assert.equal(id['custom:tier'], '7');
      assert.equal(id.updated_at, 1700000000);
      assert.deepEqual(id.address, { formatted: '1 Main St' });
      assert.equal(id.event_id, '5b0c5c6a-9a31-4c5e-9f9c-3f1d1e0b6a11');
      assert.match(String(id.jti), UUID);
      assert.ok((id.iat as number) >= before && (id.auth_time as number) === id.iat);
      assert.equal((id.exp as number) - (id.iat as number), 3600);

      const acc = claimsOf(r.AccessToken);
      assert.deepEqual(Object.keys(acc).sort(), [
        'auth_time', 'client_id', 'event_id', 'exp', 'iat', 'iss', 'jti', 'origin_jti', 'scope', 'sub', 'token_use', 'username',
      ]);
      assert.equal(acc.client_id, client.id);
      assert.equal(acc.scope, 'aws.cognito.signin.user.admin');
      assert.equal(acc.username, 'alice');
      assert.equal(acc.origin_jti, id.origin_jti);
      assert.notEqual(acc.jti, id.jti);
      assert.equal(acc.aud, undefined);

      const verifier = JwtRsaVerifier.create({ issuer: iss, audience: null, jwksUri: `${iss}/.well-known/jwks.json` });
      verifier.cacheJwks((await poolJwks(s.svc, pool.id)) as never);
      const idPayload = await verifier.verify(r.IdToken);
      validateCognitoJwtFields(idPayload, { tokenUse: 'id', clientId: client.id });
      const accPayload = await verifier.verify(r.AccessToken);
      validateCognitoJwtFields(accPayload, { tokenUse: 'access', clientId: client.id });
      assert.throws(() => validateCognitoJwtFields(accPayload, { tokenUse: 'id', clientId: client.id }));
    });

    it('filters attributes by ReadAttributes and adds group, role and device claims', async () => {
      const pool = makePool();
      const client = makeClient(pool, { ReadAttributes: ['email', 'email_verified'] });
      const user = await insertUser(s.svc, pool, 'bob', { email: 'bob@example.com', email_verified: 'true', 'custom:secret': 'x', name: 'Bob' });
      await insertGroup(s.svc, pool, 'admins', 'bob', 'arn:aws:iam::000000000000:role/Admin', 1);
      await insertGroup(s.svc, pool, 'readers', 'bob', 'arn:aws:iam::000000000000:role/Reader', 5);
      await insertGroup(s.svc, pool, 'plain', 'bob');
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false, deviceKey: 'us-east-1_dev' });
      assert.equal(r.RefreshToken, undefined);
      const id = claimsOf(r.IdToken);
      assert.equal(id.email, 'bob@example.com');
      assert.equal(id.name, undefined);
      assert.equal(id['custom:secret'], undefined);
      assert.equal(id.event_id, undefined);
      assert.deepEqual(id['cognito:groups'], ['admins', 'readers', 'plain']);
      assert.deepEqual(id['cognito:roles'], ['arn:aws:iam::000000000000:role/Admin', 'arn:aws:iam::000000000000:role/Reader']);
      assert.equal(id['cognito:preferred_role'], 'arn:aws:iam::000000000000:role/Admin');
      const acc = claimsOf(r.AccessToken);
      assert.deepEqual(acc['cognito:groups'], ['admins', 'readers', 'plain']);
      assert.equal(acc['cognito:roles'], undefined);
      assert.equal(acc.device_key, 'us-east-1_dev');
    });

    it('omits preferred_role when two roles tie on precedence', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'carol');
      await insertGroup(s.svc, pool, 'a', 'carol', 'arn:aws:iam::000000000000:role/A', 2);
      await insertGroup(s.svc, pool, 'b', 'carol', 'arn:aws:iam::000000000000:role/B', 2);
      const id = claimsOf((await issueTokens(s.svc, { pool, client, user, withRefreshToken: false })).IdToken);
      assert.equal((id['cognito:roles'] as string[]).length, 2);
      assert.equal(id['cognito:preferred_role'], undefined);
    });

    it('takes lifetimes from the client with TokenValidityUnits', async () => {
      const pool = makePool();
      const client = makeClient(pool, {
        IdTokenValidity: 2,
        AccessTokenValidity: 30,
        RefreshTokenValidity: 7,
        TokenValidityUnits: { IdToken: 'hours', AccessToken: 'minutes', RefreshToken: 'days' },
      });
      const user = await insertUser(s.svc, pool, 'dave');
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      assert.equal(r.ExpiresIn, 1800);
      const id = claimsOf(r.IdToken);
      const acc = claimsOf(r.AccessToken);
      assert.equal((id.exp as number) - (id.iat as number), 7200);
      assert.equal((acc.exp as number) - (acc.iat as number), 1800);
      const row = await s.svc.db.selectFrom('refresh_tokens').selectAll().where('pool_id', '=', pool.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.expires_at) - Number(row.created_at), 7 * 86400 * 1000);
      assert.equal(row.origin_jti, id.origin_jti);
      assert.ok(!JSON.stringify(row).includes(r.RefreshToken!), 'only a hash of the refresh token is stored');
    });

    it('applies customisation to unprotected claims only, and OAuth extras', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'otto', { email: 'otto@example.com', name: 'Otto' });
      const r = await issueTokens(s.svc, {
        pool, client, user, withRefreshToken: false,
        extraIdClaims: { tenant: 'acme', sub: 'evil', iss: 'https://evil.example', 'cognito:username': 'root' },
        suppressIdClaims: ['name', 'aud', 'token_use'],
        extraAccessClaims: { tenant: 'acme', client_id: 'evil' },
        oauth: { nonce: 'n-0S6_WzA2Mj', atHash: true },
        scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
      });
      const id = claimsOf(r.IdToken);
      assert.equal(id.tenant, 'acme');
      assert.equal(id.sub, user.sub);
      assert.equal(id.iss, `${s.url}/${pool.id}`);
      assert.equal(id['cognito:username'], 'otto');
      assert.equal(id.name, undefined);
      assert.equal(id.aud, client.id);
      assert.equal(id.token_use, 'id');
      assert.equal(id.nonce, 'n-0S6_WzA2Mj');
      assert.equal(id.at_hash, atHash(r.AccessToken));
      const acc = claimsOf(r.AccessToken);
      assert.equal(acc.client_id, client.id);
      assert.equal(acc.tenant, 'acme');
      assert.equal(acc.version, 2);
      assert.equal(acc.scope, 'openid email aws.cognito.signin.user.admin');
    });

    it('leaves origin_jti out for clients without token revocation', async () => {
      const pool = makePool();
      const client = makeClient(pool, { EnableTokenRevocation: false });
      const user = await insertUser(s.svc, pool, 'norev');
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: true });
      assert.equal(claimsOf(r.IdToken).origin_jti, undefined);
      assert.equal(claimsOf(r.AccessToken).origin_jti, undefined);
      assert.match(String(claimsOf(r.AccessToken).jti), UUID);
    });

    it('mints client-credentials access tokens without user claims', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const r = await issueClientCredentialsToken(s.svc, { pool, client, scopes: ['orders/read'] });
      const acc = claimsOf(r.AccessToken);
      assert.equal(acc.sub, client.id);
      assert.equal(acc.client_id, client.id);
      assert.equal(acc.scope, 'orders/read');
      assert.equal(acc.token_use, 'access');
      assert.equal(acc.username, undefined);
      assert.equal(r.ExpiresIn, 3600);
    });

    it('keeps auth_time and origin_jti when continuing an authentication', async () => {
      const pool = makePool();
      const client = makeClient(pool);
      const user = await insertUser(s.svc, pool, 'erin');
      const r = await issueTokens(s.svc, { pool, client, user, withRefreshToken: false, authTime: 1_700_000_000, originJti: '0b6f0c2e-55a8-4a55-9d9a-1f2e3d4c5b6a' });
      const acc = claimsOf(r.AccessToken);
      assert.equal(acc.auth_time, 1_700_000_000);
      assert.equal(acc.origin_jti, '0b6f0c2e-55a8-4a55-9d9a-1f2e3d4c5b6a');
    });
  });
}
