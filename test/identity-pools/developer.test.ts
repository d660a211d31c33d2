/**
 * Developer-authenticated identities through @aws-sdk/client-cognito-identity on both dialects: the backend's
 * GetOpenIdTokenForDeveloperIdentity (token claims, duration, principal tags), LookupDeveloperIdentity both
 * ways with paging, MergeDeveloperIdentities and UnlinkDeveloperIdentity, and the developer token used as a
 * `cognito-identity.amazonaws.com` login. Threat named: only an operator-signed call can vouch for a developer
 * user identifier.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeIdentityCommand, GetIdCommand, GetOpenIdTokenCommand, GetOpenIdTokenForDeveloperIdentityCommand, LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand, UnlinkDeveloperIdentityCommand, type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { failure, identityAdmin, identityPool, identityPublic, payloadOf } from './fixtures.js';

const DEV = 'login.myapp';

for (const d of DIALECTS) {
  describe(`developer-authenticated identities (${d})`, () => {
    let s: TestServer;
    let admin: CognitoIdentityClient;
    let pub: CognitoIdentityClient;
    let poolId: string;
    before(async () => {
      s = await startTestServer(d);
      admin = identityAdmin(s);
      pub = identityPublic(s);
      poolId = await identityPool(s, { DeveloperProviderName: DEV, AllowClassicFlow: true });
    });
    after(() => s.stop());

    const devToken = (user: string, extra: { IdentityId?: string; TokenDuration?: number; PrincipalTags?: Record<string, string> } = {}) =>
      admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [DEV]: user }, ...extra }));

    it('creates one identity per developer user and issues its OpenID token', async () => {
      const a = await devToken('user-1', { TokenDuration: 3600, PrincipalTags: { plan: 'pro' } });
      const again = await devToken('user-1');
      assert.equal(again.IdentityId, a.IdentityId);
      const other = await devToken('user-2');
      assert.notEqual(other.IdentityId, a.IdentityId);
      const claims = payloadOf(a.Token!);
      assert.equal(claims.iss, 'https://cognito-identity.amazonaws.com');
      assert.equal(claims.aud, poolId);
      assert.equal(claims.sub, a.IdentityId);
      assert.deepEqual(claims.amr, ['authenticated', DEV, `${DEV}:${poolId}:user-1`]);
      assert.equal((claims.exp as number) - (claims.iat as number), 3600);
      assert.deepEqual(claims['https://aws.amazon.com/tags'], { principal_tags: { plan: ['pro'] } });
      assert.equal((payloadOf(again.Token!).exp as number) - (payloadOf(again.Token!).iat as number), 900, 'default 15 minutes');
      assert.deepEqual((await admin.send(new DescribeIdentityCommand({ IdentityId: a.IdentityId }))).Logins, [DEV]);
    });

    it('accepts its token as a cognito-identity.amazonaws.com login and refuses tampered ones', async () => {
      const t = await devToken('user-3');
      const r = await pub.send(new GetOpenIdTokenCommand({ IdentityId: t.IdentityId, Logins: { 'cognito-identity.amazonaws.com': t.Token! } }));
      assert.equal(r.IdentityId, t.IdentityId);
      assert.deepEqual(payloadOf(r.Token!).amr, ['authenticated', DEV, `${DEV}:${poolId}:user-3`]);
      assert.equal((await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-identity.amazonaws.com': t.Token! } }))).IdentityId, t.IdentityId);
      const [h, , sig] = t.Token!.split('.');
      const otherClaims = Buffer.from(JSON.stringify({ ...payloadOf(t.Token!), sub: 'us-east-1:11111111-1111-1111-1111-111111111111' })).toString('base64url');
      const forged = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-identity.amazonaws.com': `${h}.${otherClaims}.${sig}` } })));
      assert.equal(forged.name, 'NotAuthorizedException');
      // A token of another identity pool is not a login here.
      const otherPool = await identityPool(s, { DeveloperProviderName: DEV });
      const foreign = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: otherPool, Logins: { [DEV]: 'user-3' } }));
      const wrongAud = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'cognito-identity.amazonaws.com': foreign.Token! } })));
      assert.equal(wrongAud.name, 'NotAuthorizedException');
    });

    it('threat: a public caller cannot vouch for a developer user identifier', async () => {
      const t = await devToken('victim');
      const r = await failure(pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [DEV]: 'victim' } })));
      assert.equal(r.name, 'NotAuthorizedException');
      const unsigned = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity' },
        body: JSON.stringify({ IdentityPoolId: poolId, Logins: { [DEV]: 'victim' } }),
      });
      assert.equal(unsigned.status, 403);
      assert.notEqual(t.IdentityId, undefined);
    });

    it('refuses a developer user already registered under another identity', async () => {
      const a = await devToken('user-4');
      const b = await devToken('user-5');
      const r = await failure(devToken('user-4', { IdentityId: b.IdentityId }));
      assert.equal(r.name, 'DeveloperUserAlreadyRegisteredException');
      assert.notEqual(a.IdentityId, b.IdentityId);
      const missingDev = await failure(admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'other.dev': 'x' } })));
      assert.equal(missingDev.name, 'InvalidParameterException');
      assert.match(missingDev.message, /login\.myapp/);
    });

    it('looks identities up, merges and unlinks developer users', async () => {
      const src = await devToken('merge-src');
      const dst = await devToken('merge-dst');
      const byUser = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: 'merge-src', MaxResults: 10 }));
      assert.equal(byUser.IdentityId, src.IdentityId);
      assert.deepEqual(byUser.DeveloperUserIdentifierList, ['merge-src']);
      const mismatch = await failure(admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId, DeveloperUserIdentifier: 'merge-src' })));
      assert.equal(mismatch.name, 'ResourceConflictException');
      const neither = await failure(admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId })));
      assert.equal(neither.name, 'InvalidParameterException');

      const merged = await admin.send(new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: poolId, DeveloperProviderName: DEV, SourceUserIdentifier: 'merge-src', DestinationUserIdentifier: 'merge-dst',
      }));
      assert.equal(merged.IdentityId, dst.IdentityId);
      const page1 = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId, MaxResults: 1 }));
      assert.equal(page1.DeveloperUserIdentifierList!.length, 1);
      const page2 = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId, MaxResults: 1, NextToken: page1.NextToken }));
      assert.deepEqual([...page1.DeveloperUserIdentifierList!, ...page2.DeveloperUserIdentifierList!].sort(), ['merge-dst', 'merge-src']);
      assert.equal((await devToken('merge-src')).IdentityId, dst.IdentityId, 'the source user now signs in to the destination identity');
      const wrongProvider = await failure(admin.send(new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: poolId, DeveloperProviderName: 'other.dev', SourceUserIdentifier: 'merge-src', DestinationUserIdentifier: 'merge-dst',
      })));
      assert.equal(wrongProvider.name, 'InvalidParameterException');
      const unknownUser = await failure(admin.send(new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: poolId, DeveloperProviderName: DEV, SourceUserIdentifier: 'nobody', DestinationUserIdentifier: 'merge-dst',
      })));
      assert.equal(unknownUser.name, 'ResourceNotFoundException');

      await admin.send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId, DeveloperProviderName: DEV, DeveloperUserIdentifier: 'merge-src' }));
      const after = await admin.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: dst.IdentityId }));
      assert.deepEqual(after.DeveloperUserIdentifierList, ['merge-dst']);
      assert.notEqual((await devToken('merge-src')).IdentityId, dst.IdentityId, 'an unlinked user gets a new identity');
      const notLinked = await failure(admin.send(new UnlinkDeveloperIdentityCommand({
        IdentityPoolId: poolId, IdentityId: dst.IdentityId, DeveloperProviderName: DEV, DeveloperUserIdentifier: 'never-linked',
      })));
      assert.equal(notLinked.name, 'ResourceConflictException');
    });
  });
}
