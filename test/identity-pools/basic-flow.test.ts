/**
 * The basic (classic) flow and generic OIDC logins on both dialects: GetOpenIdToken then
 * @aws-sdk/client-sts AssumeRoleWithWebIdentity with the identity pool's token (trust policy on aud/amr),
 * developer tokens through STS, and an OIDC issuer registered with @aws-sdk/client-iam
 * CreateOpenIDConnectProvider (a second Cognate user pool standing in for any OIDC provider) used as an
 * identity-pool login. Threat named: a guest token must not assume a role trusted for authenticated identities.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeIdentityCommand, GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenCommand, GetOpenIdTokenForDeveloperIdentityCommand,
  SetIdentityPoolRolesCommand, type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateOpenIDConnectProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { ADMIN, DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { cognitoTrust, failure, identityAdmin, identityPool, identityPublic, makeRole, stsClient, userPool, type UserPoolSetup } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`basic flow and OIDC logins (${d})`, () => {
    let s: TestServer;
    let pub: CognitoIdentityClient;
    let admin: CognitoIdentityClient;
    let up: UserPoolSetup;
    let poolId: string;
    let authRole: string;
    let guestRole: string;
    before(async () => {
      s = await startTestServer(d);
      pub = identityPublic(s);
      admin = identityAdmin(s);
      up = await userPool(s);
      await up.addUser('ann');
      poolId = await identityPool(s, {
        AllowUnauthenticatedIdentities: true, AllowClassicFlow: true, DeveloperProviderName: 'login.myapp',
        CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }],
      });
      authRole = await makeRole(s, 'ClassicAuth', cognitoTrust(poolId, 'authenticated'));
      guestRole = await makeRole(s, 'ClassicGuest', cognitoTrust(poolId, 'unauthenticated'));
    });
    after(() => s.stop());

    const assume = (RoleArn: string, WebIdentityToken: string) =>
      stsClient(s).send(new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'classic', WebIdentityToken }));

    it('exchanges GetOpenIdToken tokens with STS AssumeRoleWithWebIdentity under the trust policy', async () => {
      const token = await up.signIn('ann');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } }))).IdentityId!;
      const open = await pub.send(new GetOpenIdTokenCommand({ IdentityId: id, Logins: { [up.awsKey]: token } }));
      const r = await assume(authRole, open.Token!);
      assert.equal(r.SubjectFromWebIdentityToken, id);
      assert.equal(r.Audience, poolId);
      assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
      const who = await stsClient(s, { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! })
        .send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, 'arn:aws:sts::000000000000:assumed-role/ClassicAuth/classic');

      const guest = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId }))).IdentityId!;
      const guestToken = (await pub.send(new GetOpenIdTokenCommand({ IdentityId: guest }))).Token!;
      assert.match((await assume(guestRole, guestToken)).Credentials!.AccessKeyId!, /^ASIA/);
      const escalate = await failure(assume(authRole, guestToken));
      assert.equal(escalate.name, 'AccessDenied', 'a guest token does not satisfy the authenticated amr condition');
    });

    it('exchanges developer tokens with STS too', async () => {
      const dev = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.myapp': 'backend-user' } }));
      const r = await assume(authRole, dev.Token!);
      assert.equal(r.SubjectFromWebIdentityToken, dev.IdentityId);
    });

    it('accepts logins from an OIDC issuer registered as an IAM OIDC provider', async () => {
      const idpPool = await userPool(s);
      await idpPool.addUser('olga');
      const iam = new IAMClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });
      const issuer = `${s.url}/${idpPool.poolId}`;
      // The issuer publishes its keys before anyone verifies against them (creating them is slow on a busy
      // machine, and the verifier's fetch has a deadline).
      assert.equal((await fetch(`${issuer}/.well-known/jwks.json`)).status, 200);
      const { OpenIDConnectProviderArn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: [idpPool.clientId], ThumbprintList: ['0'.repeat(40)] }));
      const oidcPool = await identityPool(s, { OpenIdConnectProviderARNs: [OpenIDConnectProviderArn!] });
      const role = await makeRole(s, 'OidcAuth', cognitoTrust(oidcPool, 'authenticated'));
      await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: oidcPool, Roles: { authenticated: role } }));
      const key = issuer.replace(/^https?:\/\//, '');
      const token = await idpPool.signIn('olga');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: oidcPool, Logins: { [key]: token } }))).IdentityId!;
      assert.equal((await pub.send(new GetIdCommand({ IdentityPoolId: oidcPool, Logins: { [key]: await idpPool.signIn('olga') } }))).IdentityId, id);
      assert.deepEqual((await admin.send(new DescribeIdentityCommand({ IdentityId: id }))).Logins, [key]);
      const creds = await pub.send(new GetCredentialsForIdentityCommand({ IdentityId: id, Logins: { [key]: token } }));
      assert.match(creds.Credentials!.AccessKeyId!, /^ASIA/);
      // A token of another issuer under this key is refused.
      const other = await failure(pub.send(new GetIdCommand({ IdentityPoolId: oidcPool, Logins: { [key]: await up.signIn('ann') } })));
      assert.equal(other.name, 'NotAuthorizedException');
      const missing = await failure(admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: oidcPool, Roles: {}, RoleMappings: { 'nowhere.example.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } })));
      assert.equal(missing.name, 'InvalidParameterException');
      const unknownProvider = await failure(identityPool(s, { OpenIdConnectProviderARNs: ['arn:aws:iam::000000000000:oidc-provider/nowhere.example.com'] }));
      assert.equal(unknownProvider.name, 'InvalidParameterException');
    });
  });
}
