/**
 * Identities through @aws-sdk/client-cognito-identity on both dialects: guests, user-pool logins in both key
 * forms, linking and merging, GetOpenIdToken (basic flow gate) with the token verified by aws-jwt-verify
 * against our JWKS, describe/list/delete, UnlinkIdentity, and the refusals clients see (unknown pool, bad or
 * foreign tokens, disabled guests). Threats named: an identity id alone must not let another user take the
 * identity over; a guest call must not get credentials or tokens for an authenticated identity.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteIdentitiesCommand, DescribeIdentityCommand, GetIdCommand, GetOpenIdTokenCommand, ListIdentitiesCommand, UnlinkIdentityCommand,
  type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AdminUserGlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { failure, identityAdmin, identityPool, identityPublic, payloadOf, userPool, type UserPoolSetup } from './fixtures.js';

const UNKNOWN_POOL = 'us-east-1:00000000-0000-0000-0000-000000000000';

for (const d of DIALECTS) {
  describe(`identities (${d})`, () => {
    let s: TestServer;
    let pub: CognitoIdentityClient;
    let admin: CognitoIdentityClient;
    let up: UserPoolSetup;
    let poolId: string;
    let guestPool: string;
    before(async () => {
      s = await startTestServer(d);
      pub = identityPublic(s);
      admin = identityAdmin(s);
      up = await userPool(s);
      for (const u of ['ann', 'ben', 'cat', 'dan']) await up.addUser(u);
      poolId = await identityPool(s, { AllowClassicFlow: true, CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId, ServerSideTokenCheck: true }] });
      guestPool = await identityPool(s, { AllowUnauthenticatedIdentities: true, AllowClassicFlow: true });
    });
    after(() => s.stop());

    it('gives each guest a new identity only when the pool allows guests', async () => {
      const a = (await pub.send(new GetIdCommand({ IdentityPoolId: guestPool }))).IdentityId!;
      const b = (await pub.send(new GetIdCommand({ IdentityPoolId: guestPool }))).IdentityId!;
      assert.match(a, /^us-east-1:[0-9a-f-]{36}$/);
      assert.notEqual(a, b);
      const refused = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId })));
      assert.equal(refused.name, 'NotAuthorizedException');
      assert.equal(refused.message, 'Unauthenticated access is not supported for this identity pool.');
      const unknown = await failure(pub.send(new GetIdCommand({ IdentityPoolId: UNKNOWN_POOL })));
      assert.equal(unknown.name, 'ResourceNotFoundException');
      assert.equal(unknown.message, `IdentityPool '${UNKNOWN_POOL}' not found.`);
    });

    it('maps one user to one identity whichever key form the login uses', async () => {
      const token = await up.signIn('ann');
      const viaAws = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } }))).IdentityId!;
      const viaIssuer = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.issuerKey]: await up.signIn('ann') } }))).IdentityId!;
      assert.equal(viaAws, viaIssuer);
      const other = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: await up.signIn('ben') } }))).IdentityId!;
      assert.notEqual(other, viaAws);
      const desc = await admin.send(new DescribeIdentityCommand({ IdentityId: viaAws }));
      assert.deepEqual(desc.Logins, [up.awsKey]);
      assert.ok(desc.CreationDate instanceof Date && desc.LastModifiedDate instanceof Date);
    });

    it('refuses bad, foreign, audience-less and signed-out tokens with NotAuthorizedException', async () => {
      const bad = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: 'not-a-token' } })));
      assert.equal(bad.name, 'NotAuthorizedException');
      assert.match(bad.message, /^Invalid login token/);
      const token = await up.signIn('cat');
      const [h, p] = token.split('.');
      const forged = `${h}.${p}.${Buffer.from('forged-signature').toString('base64url')}`;
      assert.match((await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: forged } })))).message, /^Invalid login token/);
      // A token of another user pool presented under this pool's key.
      const otherPool = await userPool(s);
      await otherPool.addUser('zed');
      const foreign = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: await otherPool.signIn('zed') } })));
      assert.equal(foreign.message, "Invalid login token. Issuer doesn't match providerName");
      const unsupported = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [otherPool.awsKey]: await otherPool.signIn('zed') } })));
      assert.equal(unsupported.message, 'Token is not from a supported provider of this identity pool.');
      // ServerSideTokenCheck: a globally signed-out user's token is refused.
      await s.idp.send(new AdminUserGlobalSignOutCommand({ UserPoolId: up.poolId, Username: 'cat' }));
      const signedOut = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } })));
      assert.equal(signedOut.name, 'NotAuthorizedException');
    });

    it('refuses an expired ID token with Cognito\'s message', async () => {
      const token = await up.signIn('dan');
      s.clock.advance(2 * 3600_000);
      try {
        const r = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } })));
        assert.equal(r.name, 'NotAuthorizedException');
        assert.match(r.message, /^Invalid login token\. Token expired: \d+ >= \d+$/);
      } finally {
        s.clock.advance(-2 * 3600_000);
      }
    });

    it('issues OpenID tokens (basic flow) that aws-jwt-verify accepts with our JWKS', async () => {
      const ann = await up.signIn('ann');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: ann } }))).IdentityId!;
      const r = await pub.send(new GetOpenIdTokenCommand({ IdentityId: id, Logins: { [up.awsKey]: ann } }));
      assert.equal(r.IdentityId, id);
      const verifier = JwtRsaVerifier.create(
        { issuer: 'https://cognito-identity.amazonaws.com', audience: poolId, jwksUri: `${s.url}/.well-known/jwks_uri` },
        { jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } }) },
      );
      const claims = await verifier.verify(r.Token!);
      assert.equal(claims.sub, id);
      const amr = claims.amr as string[];
      assert.equal(amr[0], 'authenticated');
      assert.equal(amr[1], up.awsKey);
      assert.match(amr[2]!, new RegExp(`^${up.awsKey.replace(/\./g, '\\.')}:CognitoSignIn:[0-9a-f-]{36}$`));
      assert.equal(claims.exp! - claims.iat!, 600);

      const guest = (await pub.send(new GetIdCommand({ IdentityPoolId: guestPool }))).IdentityId!;
      const guestToken = await pub.send(new GetOpenIdTokenCommand({ IdentityId: guest }));
      assert.deepEqual(payloadOf(guestToken.Token!).amr, ['unauthenticated']);

      const enhancedOnly = await identityPool(s, { AllowUnauthenticatedIdentities: true });
      const g2 = (await pub.send(new GetIdCommand({ IdentityPoolId: enhancedOnly }))).IdentityId!;
      const classicOff = await failure(pub.send(new GetOpenIdTokenCommand({ IdentityId: g2 })));
      assert.equal(classicOff.name, 'InvalidParameterException');
      assert.match(classicOff.message, /classic/i);
    });

    it('threat: a guest call for an authenticated identity is refused', async () => {
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: await up.signIn('ben') } }))).IdentityId!;
      const r = await failure(pub.send(new GetOpenIdTokenCommand({ IdentityId: id })));
      assert.equal(r.name, 'NotAuthorizedException');
      assert.equal(r.message, "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    });

    it('threat: knowing an identity id does not let another user link into it', async () => {
      const annId = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: await up.signIn('ann') } }))).IdentityId!;
      const benToken = await up.signIn('ben');
      const r = await failure(pub.send(new GetOpenIdTokenCommand({ IdentityId: annId, Logins: { [up.awsKey]: benToken } })));
      assert.equal(r.name, 'NotAuthorizedException');
      const desc = await admin.send(new DescribeIdentityCommand({ IdentityId: annId }));
      assert.deepEqual(desc.Logins, [up.awsKey]);
    });

    it('upgrades a guest identity in place when its user signs in', async () => {
      const mixed = await identityPool(s, {
        AllowUnauthenticatedIdentities: true, AllowClassicFlow: true, CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }],
      });
      const guest = (await pub.send(new GetIdCommand({ IdentityPoolId: mixed }))).IdentityId!;
      const token = await up.signIn('dan');
      const r = await pub.send(new GetOpenIdTokenCommand({ IdentityId: guest, Logins: { [up.awsKey]: token } }));
      assert.equal(r.IdentityId, guest);
      assert.equal((await pub.send(new GetIdCommand({ IdentityPoolId: mixed, Logins: { [up.awsKey]: token } }))).IdentityId, guest);
      // A second guest of the same device that then signs in as dan joins dan's identity.
      const guest2 = (await pub.send(new GetIdCommand({ IdentityPoolId: mixed }))).IdentityId!;
      const merged = await pub.send(new GetOpenIdTokenCommand({ IdentityId: guest2, Logins: { [up.awsKey]: token } }));
      assert.equal(merged.IdentityId, guest);
      const all = await admin.send(new ListIdentitiesCommand({ IdentityPoolId: mixed, MaxResults: 60 }));
      assert.equal(all.Identities!.length, 2);
      const visible = await admin.send(new ListIdentitiesCommand({ IdentityPoolId: mixed, MaxResults: 60, HideDisabled: true }));
      assert.deepEqual(visible.Identities!.map((i) => i.IdentityId), [guest]);
      const stale = await failure(pub.send(new GetOpenIdTokenCommand({ IdentityId: guest2 })));
      assert.equal(stale.name, 'ResourceNotFoundException');
    });

    it('lists identities page by page and deletes them', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await pub.send(new GetIdCommand({ IdentityPoolId: guestPool }))).IdentityId!);
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await admin.send(new ListIdentitiesCommand({ IdentityPoolId: guestPool, MaxResults: 2, NextToken }));
        seen.push(...page.Identities!.map((i) => i.IdentityId!));
        NextToken = page.NextToken;
      } while (NextToken);
      for (const id of ids) assert.ok(seen.includes(id));
      const del = await admin.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: ids }));
      assert.deepEqual(del.UnprocessedIdentityIds, []);
      const gone = await failure(admin.send(new DescribeIdentityCommand({ IdentityId: ids[0] })));
      assert.equal(gone.name, 'ResourceNotFoundException');
      assert.equal(gone.message, `Identity '${ids[0]}' not found.`);
    });

    it('unlinks a login when the caller proves the identity', async () => {
      const token = await up.signIn('ann');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } }))).IdentityId!;
      const stranger = await failure(pub.send(new UnlinkIdentityCommand({ IdentityId: id, Logins: { [up.awsKey]: await up.signIn('ben') }, LoginsToRemove: [up.awsKey] })));
      assert.equal(stranger.name, 'NotAuthorizedException');
      await pub.send(new UnlinkIdentityCommand({ IdentityId: id, Logins: { [up.awsKey]: token }, LoginsToRemove: [up.issuerKey] }));
      assert.deepEqual((await admin.send(new DescribeIdentityCommand({ IdentityId: id }))).Logins, []);
      const fresh = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } }))).IdentityId!;
      assert.notEqual(fresh, id, 'the unlinked login gets a new identity');
    });
  });
}
