/**
 * Tokens through the real API and clients: JWKS + discovery over HTTP verified by aws-jwt-verify, refresh via
 * REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken (client binding, secrets, rotation with grace and reuse),
 * RevokeToken's error paths and effect, GlobalSignOut / AdminUserGlobalSignOut, expiry, and key rotation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminDeleteUserCommand, AdminDisableUserCommand, AdminEnableUserCommand, AdminUserGlobalSignOutCommand, GetTokensFromRefreshTokenCommand, GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand,
  RevokeTokenCommand, type AuthenticationResultType, type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser, failure, jwtPayload } from '../auth/fixtures.js';
import { rotateSigningKeys } from '../../src/tokens/keys.js';

/** aws-jwt-verify fetches JWKS over https only; the test server speaks plain http, so hand it a fetcher. */
const verifierFor = (iss: string) =>
  JwtRsaVerifier.create(
    { issuer: iss, audience: null, jwksUri: `${iss}/.well-known/jwks.json` },
    { jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } }) },
  );

const FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

for (const d of DIALECTS) {
  describe(`tokens over the API (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let app: { id: string };
    let other: { id: string };
    let secret: { id: string; secret?: string };
    let rotating: { id: string };
    let noRevoke: { id: string };

    before(async () => {
      s = await startTestServer(d);
      poolId = await createPool(s.idp);
      app = await createClient(s.idp, poolId, { ExplicitAuthFlows: FLOWS });
      other = await createClient(s.idp, poolId, { ExplicitAuthFlows: FLOWS });
      secret = await createClient(s.idp, poolId, { ExplicitAuthFlows: FLOWS, GenerateSecret: true });
      rotating = await createClient(s.idp, poolId, { ExplicitAuthFlows: FLOWS, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } });
      noRevoke = await createClient(s.idp, poolId, { ExplicitAuthFlows: FLOWS, EnableTokenRevocation: false });
      for (const u of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank']) await createUser(s.idp, poolId, u);
    });
    after(() => s.stop());

    const signIn = async (clientId: string, USERNAME: string, extra: Record<string, string> = {}): Promise<AuthenticationResultType> =>
      (await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD, ...extra } })))
        .AuthenticationResult!;
    const getUser = (AccessToken: string) => s.publicIdp.send(new GetUserCommand({ AccessToken }));
    const refresh = (ClientId: string, RefreshToken: string, ClientSecret?: string) =>
      s.publicIdp.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken, ClientSecret }));
    const refreshAuth = (ClientId: string, REFRESH_TOKEN: string) =>
      s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId, AuthParameters: { REFRESH_TOKEN } }));

    it('serves a JWKS and discovery document that aws-jwt-verify uses to verify both tokens', async () => {
      const iss = `${s.url}/${poolId}`;
      const t = await signIn(app.id, 'alice');
      const verifier = verifierFor(iss);
      validateCognitoJwtFields(await verifier.verify(t.IdToken!), { tokenUse: 'id', clientId: app.id });
      validateCognitoJwtFields(await verifier.verify(t.AccessToken!), { tokenUse: 'access', clientId: app.id });
      const jwks = await (await fetch(`${iss}/.well-known/jwks.json`)).json();
      assert.equal(jwks.keys.length, 4);
      const conf = await (await fetch(`${iss}/.well-known/openid-configuration`)).json();
      assert.equal(conf.issuer, iss);
      assert.equal(conf.jwks_uri, `${iss}/.well-known/jwks.json`);
      assert.equal(conf.token_endpoint, `${s.url}/oauth2/token`);
      assert.deepEqual(conf.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(conf.response_types_supported, ['code', 'token']);
      assert.deepEqual(conf.token_endpoint_auth_methods_supported, ['client_secret_basic', 'client_secret_post']);
      const missing = await fetch(`${s.url}/us-east-1_doesNotExist/.well-known/jwks.json`);
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).__type, 'ResourceNotFoundException');
    });

    it('refreshes with REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken, keeping origin_jti and auth_time', async () => {
      const t = await signIn(app.id, 'alice');
      const first = jwtPayload(t.AccessToken!);
      const a = (await refreshAuth(app.id, t.RefreshToken!)).AuthenticationResult!;
      const b = (await refresh(app.id, t.RefreshToken!)).AuthenticationResult!;
      for (const r of [a, b]) {
        assert.equal(r.RefreshToken, undefined, 'no new refresh token without rotation');
        const acc = jwtPayload(r.AccessToken!);
        const id = jwtPayload(r.IdToken!);
        assert.equal(acc.origin_jti, first.origin_jti);
        assert.equal(id.origin_jti, first.origin_jti);
        assert.equal(acc.auth_time, first.auth_time);
        assert.notEqual(acc.jti, first.jti);
        assert.equal((await getUser(r.AccessToken!)).Username, 'alice');
      }
    });

    it('binds a refresh token to its client and checks the client secret', async () => {
      const t = await signIn(app.id, 'alice');
      let e = await failure(refresh(other.id, t.RefreshToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Invalid Refresh Token']);
      e = await failure(refresh(app.id, 'A'.repeat(43)));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Invalid Refresh Token']);

      const hash = (await import('../auth/fixtures.js')).secretHash(secret.secret!, 'alice', secret.id);
      const st = await signIn(secret.id, 'alice', { SECRET_HASH: hash });
      assert.equal((await failure(refresh(secret.id, st.RefreshToken!))).name, 'NotAuthorizedException');
      assert.equal((await failure(refresh(secret.id, st.RefreshToken!, 'x'.repeat(51)))).name, 'NotAuthorizedException');
      assert.ok((await refresh(secret.id, st.RefreshToken!, secret.secret)).AuthenticationResult?.AccessToken);
      // RevokeToken for a client with a secret: missing secret refused, the right one revokes
      const missingSecret = await failure(s.publicIdp.send(new RevokeTokenCommand({ ClientId: secret.id, Token: st.RefreshToken! })));
      assert.equal(missingSecret.name, 'UnauthorizedException');
      await s.publicIdp.send(new RevokeTokenCommand({ ClientId: secret.id, Token: st.RefreshToken!, ClientSecret: secret.secret }));
      e = await failure(refresh(secret.id, st.RefreshToken!, secret.secret));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Refresh Token has been revoked']);
    });

    it('rotates refresh tokens with a grace period, then raises RefreshTokenReuseException', async () => {
      const t = await signIn(rotating.id, 'bob');
      const r1 = (await refresh(rotating.id, t.RefreshToken!)).AuthenticationResult!;
      assert.ok(r1.RefreshToken && r1.RefreshToken !== t.RefreshToken);
      assert.equal(jwtPayload(r1.AccessToken!).origin_jti, jwtPayload(t.AccessToken!).origin_jti);
      // a client retry within the grace period still works
      assert.ok((await refresh(rotating.id, t.RefreshToken!)).AuthenticationResult?.RefreshToken);
      s.clock.advance(11_000);
      const e = await failure(refresh(rotating.id, t.RefreshToken!));
      assert.equal(e.name, 'RefreshTokenReuseException');
      const r2 = (await refresh(rotating.id, r1.RefreshToken!)).AuthenticationResult!;
      assert.ok(r2.RefreshToken);
      assert.equal((await getUser(r2.AccessToken!)).Username, 'bob');
    });

    it('RevokeToken refuses access tokens, disabled revocation and wrong clients', async () => {
      const t = await signIn(app.id, 'carol');
      let e = await failure(s.publicIdp.send(new RevokeTokenCommand({ ClientId: app.id, Token: t.AccessToken! })));
      assert.equal(e.name, 'UnsupportedTokenTypeException');
      const n = await signIn(noRevoke.id, 'carol');
      e = await failure(s.publicIdp.send(new RevokeTokenCommand({ ClientId: noRevoke.id, Token: n.RefreshToken! })));
      assert.equal(e.name, 'UnsupportedOperationException');
      e = await failure(s.publicIdp.send(new RevokeTokenCommand({ ClientId: other.id, Token: t.RefreshToken! })));
      assert.equal(e.name, 'UnauthorizedException');
      e = await failure(s.publicIdp.send(new RevokeTokenCommand({ ClientId: secret.id, Token: t.RefreshToken!, ClientSecret: 'wrong' })));
      assert.equal(e.name, 'UnauthorizedException');
      // unknown tokens succeed quietly
      await s.publicIdp.send(new RevokeTokenCommand({ ClientId: app.id, Token: 'B'.repeat(43) }));
      // nothing above revoked the token
      assert.equal((await getUser(t.AccessToken!)).Username, 'carol');
    });

    it('RevokeToken kills the refresh token and every token of its authentication, nothing else', async () => {
      const t = await signIn(app.id, 'dave');
      const refreshed = (await refresh(app.id, t.RefreshToken!)).AuthenticationResult!;
      const unrelated = await signIn(app.id, 'dave');
      await s.publicIdp.send(new RevokeTokenCommand({ ClientId: app.id, Token: t.RefreshToken! }));
      for (const at of [t.AccessToken!, refreshed.AccessToken!]) {
        const e = await failure(getUser(at));
        assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has been revoked']);
      }
      const e = await failure(refresh(app.id, t.RefreshToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Refresh Token has been revoked']);
      await s.publicIdp.send(new RevokeTokenCommand({ ClientId: app.id, Token: t.RefreshToken! }));
      assert.equal((await getUser(unrelated.AccessToken!)).Username, 'dave');
      assert.ok((await refresh(app.id, unrelated.RefreshToken!)).AuthenticationResult);
    });

    it('GlobalSignOut refuses earlier tokens (even within the same second) but not a new sign-in', async () => {
      const t = await signIn(app.id, 'erin');
      await s.publicIdp.send(new GlobalSignOutCommand({ AccessToken: t.AccessToken! }));
      const fresh = await signIn(app.id, 'erin');
      let e = await failure(getUser(t.AccessToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has been revoked']);
      e = await failure(refresh(app.id, t.RefreshToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Refresh Token has been revoked']);
      assert.equal((await getUser(fresh.AccessToken!)).Username, 'erin');
      assert.ok((await refresh(app.id, fresh.RefreshToken!)).AuthenticationResult);
    });

    it('AdminUserGlobalSignOut signs a user out everywhere; unknown users are reported', async () => {
      const t = await signIn(app.id, 'frank');
      await s.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'frank' }));
      let e = await failure(getUser(t.AccessToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has been revoked']);
      e = await failure(refreshAuth(app.id, t.RefreshToken!));
      assert.equal(e.name, 'NotAuthorizedException');
      e = await failure(s.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'nobody' })));
      assert.deepEqual([e.name, e.message], ['UserNotFoundException', 'User does not exist.']);
      assert.equal((await getUser((await signIn(app.id, 'frank')).AccessToken!)).Username, 'frank');
    });

    it('refuses tokens of disabled and deleted users', async () => {
      const g = await signIn(app.id, 'gina');
      await s.idp.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'gina' }));
      assert.equal((await failure(getUser(g.AccessToken!))).name, 'NotAuthorizedException');
      assert.equal((await failure(refresh(app.id, g.RefreshToken!))).name, 'NotAuthorizedException');
      await s.idp.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'gina' }));
      // enabling again does not bring the old tokens back
      assert.equal((await failure(getUser(g.AccessToken!))).name, 'NotAuthorizedException');
      const h = await signIn(app.id, 'hank');
      await s.idp.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'hank' }));
      assert.equal((await failure(getUser(h.AccessToken!))).name, 'NotAuthorizedException');
      assert.equal((await failure(refresh(app.id, h.RefreshToken!))).name, 'NotAuthorizedException');
    });

    it('refuses tampered and other-pool access tokens as invalid', async () => {
      const t = await signIn(app.id, 'alice');
      const [h, p, sig] = t.AccessToken!.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, username: 'bob' })).toString('base64url')}.${sig}`;
      let e = await failure(getUser(tampered));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Invalid Access Token']);
      const otherPool = await createPool(s.idp);
      const oc = await createClient(s.idp, otherPool, { ExplicitAuthFlows: FLOWS });
      await createUser(s.idp, otherPool, 'alice');
      const theirs = await signIn(oc.id, 'alice');
      const [h2, p2, sig2] = theirs.AccessToken!.split('.');
      const c2 = JSON.parse(Buffer.from(p2!, 'base64url').toString());
      const moved = `${h2}.${Buffer.from(JSON.stringify({ ...c2, iss: `${s.url}/${poolId}` })).toString('base64url')}.${sig2}`;
      e = await failure(getUser(moved));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Invalid Access Token']);
      e = await failure(getUser(t.IdToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Invalid Access Token']);
    });

    it('keeps earlier tokens working across a key rotation', async () => {
      const t = await signIn(app.id, 'alice');
      await rotateSigningKeys(s.svc, poolId);
      assert.equal((await getUser(t.AccessToken!)).Username, 'alice');
      const fresh = await signIn(app.id, 'alice');
      assert.notEqual(JSON.parse(Buffer.from(fresh.AccessToken!.split('.')[0]!, 'base64url').toString()).kid,
        JSON.parse(Buffer.from(t.AccessToken!.split('.')[0]!, 'base64url').toString()).kid);
      const iss = `${s.url}/${poolId}`;
      const verifier = verifierFor(iss);
      await verifier.verify(t.AccessToken!);
      await verifier.verify(fresh.AccessToken!);
    });

    it('refuses expired access tokens and expired refresh tokens', async () => {
      const t = await signIn(app.id, 'alice');
      s.clock.advance(3601_000);
      let e = await failure(getUser(t.AccessToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Access Token has expired']);
      assert.ok((await refresh(app.id, t.RefreshToken!)).AuthenticationResult);
      s.clock.advance(30 * 86_400_000);
      e = await failure(refresh(app.id, t.RefreshToken!));
      assert.deepEqual([e.name, e.message], ['NotAuthorizedException', 'Refresh Token has expired']);
    });
  });
}
