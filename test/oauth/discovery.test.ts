/**
 * The OpenID Foundation's `oidcc-discovery-endpoint-verification` module (Config OP), one test per condition it
 * calls, named after the condition (conformance-suite OIDCCDiscoveryEndpointVerification: configure() then
 * performEndpointVerification(), static client registration). Conditions the module skips when a member is
 * absent are asserted absent for the reason given; the INFO-level request/claims-parameter conditions are asserted
 * to say "not supported" explicitly (absence would mean "supported", which Cognate is not). Then the JWKS per
 * pool: each pool signs with its own keys only. Served under an https public URL, as deployments publish it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, importJWK, jwtVerify, decodeProtectedHeader } from 'jose';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { CALLBACK, PUBLIC_URL, createClient, createPool, createUser, formPost, jwtClaims, passwordSignIn, publicFetch, startOAuthServer } from './fixtures.js';

const SUFFIX = '/.well-known/openid-configuration';
const isHttpsUrl = (v: unknown) => typeof v === 'string' && URL.canParse(v) && new URL(v).protocol === 'https:';

for (const d of DIALECTS) {
  describe(`oidcc-discovery-endpoint-verification (${d})`, () => {
    let s: TestServer;
    let poolId: string;
    let otherPool: string;
    let app: { id: string };
    let discoveryUrl: string;
    let res: Response;
    let doc: Record<string, any>;
    let jwks: { keys: Record<string, any>[] };
    before(async () => {
      s = await startOAuthServer(d);
      poolId = await createPool(s.idp);
      otherPool = await createPool(s.idp);
      app = await createClient(s.idp, poolId, {
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO'],
      });
      await createUser(s.idp, poolId, 'dora', { email: 'dora@example.com', email_verified: 'true' });
      // GetDynamicServerConfiguration: the document at {issuer}/.well-known/openid-configuration.
      discoveryUrl = `${PUBLIC_URL}/${poolId}${SUFFIX}`;
      res = await publicFetch(s, discoveryUrl);
      doc = (await res.clone().json()) as Record<string, any>;
      jwks = (await (await publicFetch(s, doc.jwks_uri)).json()) as typeof jwks;
    });
    after(async () => {
      await s.stop();
    });

    it('GetDynamicServerConfiguration: the discovery URL answers a JSON object', () => {
      assert.equal(typeof doc, 'object');
      assert.ok(doc !== null && !Array.isArray(doc));
    });

    it('EnsureDiscoveryEndpointResponseStatusCodeIs200', () => {
      assert.equal(res.status, 200);
    });

    it('CheckDiscoveryEndpointReturnedJsonContentType: application/json', () => {
      assert.match(res.headers.get('content-type') ?? '', /^application\/json(;|$)/);
    });

    it('OIDCCCheckDiscEndpointResponseTypesSupported: an OIDC response type (code) is listed, and every listed one is served', async () => {
      assert.ok(Array.isArray(doc.response_types_supported));
      assert.ok(doc.response_types_supported.includes('code'));
      for (const type of doc.response_types_supported as string[]) {
        const q = new URLSearchParams({ response_type: type, client_id: app.id, redirect_uri: CALLBACK, scope: 'openid', state: 's', nonce: 'n' });
        const r = await publicFetch(s, `/oauth2/authorize?${q}`, { redirect: 'manual' });
        assert.equal(r.status, 302, type);
        assert.doesNotMatch(r.headers.get('location') ?? '', /error=/, `${type} is served`);
      }
      // And one it does not list is refused, so the list is honest.
      const q = new URLSearchParams({ response_type: 'code id_token', client_id: app.id, redirect_uri: CALLBACK, scope: 'openid', state: 's', nonce: 'n' });
      const r = await publicFetch(s, `/oauth2/authorize?${q}`, { redirect: 'manual' });
      assert.match(r.headers.get('location') ?? '', /error=unsupported_response_type/);
    });

    it('CheckDiscEndpointDiscoveryUrl: https and ending in /.well-known/openid-configuration', () => {
      assert.ok(discoveryUrl.endsWith(SUFFIX));
      assert.equal(new URL(discoveryUrl).protocol, 'https:');
    });

    it('CheckDiscEndpointIssuer: issuer is the discovery URL without the suffix, for every pool', async () => {
      assert.equal(doc.issuer.replace(/\/$/, ''), discoveryUrl.slice(0, -SUFFIX.length).replace(/\/$/, ''));
      const other = (await (await publicFetch(s, `/${otherPool}${SUFFIX}`)).json()) as Record<string, any>;
      assert.equal(other.issuer, `${PUBLIC_URL}/${otherPool}`);
      // The issuer the tokens carry is the same string.
      const t = await passwordSignIn(s.publicIdp, app.id, 'dora');
      assert.equal(jwtClaims(t.IdToken!).iss, doc.issuer);
    });

    it('CheckDiscEndpointSubjectTypesSupported: public (or pairwise) only', () => {
      assert.ok(Array.isArray(doc.subject_types_supported) && doc.subject_types_supported.length > 0);
      assert.ok(doc.subject_types_supported.includes('public'));
      assert.ok(doc.subject_types_supported.every((t: string) => t === 'public' || t === 'pairwise'));
    });

    it('OIDCCCheckDiscEndpointIdTokenSigningAlgValuesSupported: RS256, the alg ID tokens carry, and never none', async () => {
      assert.ok(doc.id_token_signing_alg_values_supported.includes('RS256'));
      assert.ok(!doc.id_token_signing_alg_values_supported.includes('none'));
      const t = await passwordSignIn(s.publicIdp, app.id, 'dora');
      assert.ok(doc.id_token_signing_alg_values_supported.includes(decodeProtectedHeader(t.IdToken!).alg));
    });

    it('OIDCCCheckDiscEndpointUserinfoSigningAlgValuesSupported: skipped, as userInfo answers plain JSON and the member is absent', () => {
      assert.equal(doc.userinfo_signing_alg_values_supported, undefined);
    });

    it('CheckDiscEndpointAuthorizationEndpoint: an https URL that serves authorization requests', async () => {
      assert.ok(isHttpsUrl(doc.authorization_endpoint));
      const q = new URLSearchParams({ response_type: 'code', client_id: app.id, redirect_uri: CALLBACK, scope: 'openid' });
      const r = await publicFetch(s, `${doc.authorization_endpoint}?${q}`, { redirect: 'manual' });
      assert.equal(r.status, 302);
      assert.match(r.headers.get('location') ?? '', /\/login\?/);
    });

    it('CheckDiscEndpointTokenEndpoint: an https URL that answers OAuth token errors', async () => {
      assert.ok(isHttpsUrl(doc.token_endpoint));
      const r = await formPost(s, doc.token_endpoint, { grant_type: 'authorization_code', code: 'nope', client_id: app.id, redirect_uri: CALLBACK });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
    });

    it('CheckDiscEndpointUserinfoEndpoint: an https URL that answers a bearer challenge', async () => {
      assert.ok(isHttpsUrl(doc.userinfo_endpoint));
      const r = await publicFetch(s, doc.userinfo_endpoint);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer /);
    });

    it('CheckDiscEndpointRegistrationEndpoint: skipped, as there is no dynamic registration (member absent)', () => {
      assert.equal(doc.registration_endpoint, undefined);
    });

    it('CheckJwksUri: an https URL under the issuer', () => {
      assert.ok(isHttpsUrl(doc.jwks_uri));
      assert.equal(doc.jwks_uri, `${doc.issuer}/.well-known/jwks.json`);
    });

    it('FetchServerKeys: the jwks_uri answers a JSON key set', async () => {
      const r = await publicFetch(s, doc.jwks_uri);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
      assert.ok(Array.isArray(jwks.keys) && jwks.keys.length > 0);
    });

    it('ValidateServerJWKs: every key is a well-formed RSA public key with unpadded base64url members', async () => {
      assert.equal(new Set(jwks.keys.map((k) => k.kid)).size, jwks.keys.length, 'distinct kids');
      for (const k of jwks.keys) {
        assert.equal(k.kty, 'RSA');
        for (const m of ['n', 'e']) assert.match(k[m], /^[A-Za-z0-9_-]+$/, m);
        assert.equal(k.alg, 'RS256');
        assert.equal(k.use, 'sig');
        await importJWK(k, 'RS256');
      }
    });

    it('EnsureServerJwksDoesNotContainPrivateOrSymmetricKeys', () => {
      for (const k of jwks.keys) {
        assert.notEqual(k.kty, 'oct');
        for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']) assert.equal(k[priv], undefined, `no ${priv} in ${k.kid}`);
      }
    });

    it('CheckDiscEndpointRequestParameterSupported (INFO): request objects are declared unsupported (absent would mean supported)', () => {
      assert.equal(doc.request_parameter_supported, false);
    });

    it('CheckDiscEndpointRequestUriParameterSupported (INFO): declared unsupported (absent would mean supported)', () => {
      assert.equal(doc.request_uri_parameter_supported, false);
    });

    it('CheckDiscEndpointRequestObjectSigningAlgValuesSupportedIncludesRS256: skipped, as there are no request objects (member absent)', () => {
      assert.equal(doc.request_object_signing_alg_values_supported, undefined);
    });

    it('CheckDiscEndpointClaimsParameterSupported (INFO): declared unsupported', () => {
      assert.equal(doc.claims_parameter_supported, false);
    });

    it('OIDCCCheckDiscEndpointClaimsSupported: an array naming every claim an ID token carries', async () => {
      assert.ok(Array.isArray(doc.claims_supported) && doc.claims_supported.every((c: unknown) => typeof c === 'string'));
      const t = await passwordSignIn(s.publicIdp, app.id, 'dora');
      for (const claim of Object.keys(jwtClaims(t.IdToken!))) assert.ok(doc.claims_supported.includes(claim), `${claim} is listed`);
    });

    it('OIDCCCheckDiscEndpointGrantTypesSupported: authorization_code and implicit', () => {
      assert.ok(Array.isArray(doc.grant_types_supported));
      for (const g of ['authorization_code', 'implicit']) assert.ok(doc.grant_types_supported.includes(g), g);
    });

    it('CheckDiscEndpointScopesSupportedContainsOpenId', () => {
      assert.ok(Array.isArray(doc.scopes_supported) && doc.scopes_supported.includes('openid'));
    });

    it('CheckDiscEndpointAllEndpointsAreHttps: every *_endpoint member is an https URL', () => {
      const endpoints = Object.keys(doc).filter((k) => k.endsWith('_endpoint'));
      assert.ok(endpoints.length >= 5, endpoints.join());
      for (const k of endpoints) assert.ok(isHttpsUrl(doc[k]), `${k}: ${doc[k]}`);
    });

    it('token_endpoint_auth_methods_supported: the two secret methods Cognito lists, and nothing stronger that is not served', () => {
      assert.deepEqual([...doc.token_endpoint_auth_methods_supported].sort(), ['client_secret_basic', 'client_secret_post']);
    });

    it("JWKS per pool: each pool's tokens verify with its own key set only; an unknown pool has none", async () => {
      const otherJwks = (await (await publicFetch(s, `/${otherPool}/.well-known/jwks.json`)).json()) as typeof jwks;
      const mine = new Set(jwks.keys.map((k) => k.kid));
      assert.ok(otherJwks.keys.every((k) => !mine.has(k.kid)), 'no key is shared between pools');
      const t = await passwordSignIn(s.publicIdp, app.id, 'dora');
      for (const token of [t.IdToken!, t.AccessToken!]) {
        assert.ok(mine.has(decodeProtectedHeader(token).kid!), 'signed by a key of its pool');
        await jwtVerify(token, createLocalJWKSet(jwks as any), { issuer: doc.issuer, algorithms: ['RS256'] });
        await assert.rejects(jwtVerify(token, createLocalJWKSet(otherJwks as any), { algorithms: ['RS256'] }));
      }
      const missing = await publicFetch(s, '/us-east-1_NoSuchPool/.well-known/jwks.json');
      assert.equal(missing.status, 404);
      const missingDoc = await publicFetch(s, `/us-east-1_NoSuchPool${SUFFIX}`);
      assert.equal(missingDoc.status, 404);
    });
  });
}
