/**
 * Attributes for access control end to end, on both dialects: SetPrincipalTagAttributeMap (defaults and custom
 * claim maps) and developer PrincipalTags become session tags of the credentials GetCredentialsForIdentity
 * issues, and a role policy conditioned on `aws:PrincipalTag/…` and `${cognito-identity.amazonaws.com:sub}`
 * decides what those credentials may do. Threat named: without the tag a user is not let through.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenForDeveloperIdentityCommand, SetIdentityPoolRolesCommand, SetPrincipalTagAttributeMapCommand,
  type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AdminGetUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { cognitoTrust, failure, identityAdmin, identityPool, identityPublic, makeRole, userPool, type UserPoolSetup } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`principal tags (${d})`, () => {
    let s: TestServer;
    let pub: CognitoIdentityClient;
    let admin: CognitoIdentityClient;
    let up: UserPoolSetup;
    let poolId: string;
    before(async () => {
      s = await startTestServer(d);
      pub = identityPublic(s);
      admin = identityAdmin(s);
      up = await userPool(s);
      await up.addUser('ops-user', { 'custom:tier': 'ops' });
      await up.addUser('dev-user', { 'custom:tier': 'dev' });
      poolId = await identityPool(s, { DeveloperProviderName: 'login.myapp', CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      const userPoolArn = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${up.poolId}`;
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'cognito-idp:AdminGetUser', Resource: userPoolArn, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } },
          {
            Effect: 'Allow', Action: 'cognito-idp:ListUsers', Resource: userPoolArn,
            Condition: { StringEquals: { 'aws:PrincipalTag/identity': '${cognito-identity.amazonaws.com:sub}' } },
          },
        ],
      });
      const role = await makeRole(s, 'Tagged', cognitoTrust(poolId, 'authenticated'), policy);
      await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: role } }));
    });
    after(() => s.stop());

    const idpWith = (c: { AccessKeyId?: string; SecretKey?: string; SessionToken?: string }) =>
      new CognitoIdentityProviderClient({
        endpoint: s.url, region: 'us-east-1', maxAttempts: 1,
        credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretKey!, sessionToken: c.SessionToken! },
      });

    it('turns mapped claims into session tags the role policy can test', async () => {
      await admin.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: up.awsKey, PrincipalTags: { team: 'custom:tier' } }));
      const signIn = async (u: string) => {
        const Logins = { [up.awsKey]: await up.signIn(u) };
        const IdentityId = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }))).IdentityId!;
        return (await pub.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))).Credentials!;
      };
      const get = (c: Awaited<ReturnType<typeof signIn>>) => idpWith(c).send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'ops-user' }));
      assert.equal((await get(await signIn('ops-user'))).Username, 'ops-user');
      assert.equal((await failure(get(await signIn('dev-user')))).name, 'AccessDeniedException');
      // Without the map the claim is not a tag: refused.
      await admin.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: up.awsKey, PrincipalTags: {} }));
      assert.equal((await failure(get(await signIn('ops-user')))).name, 'AccessDeniedException');
    });

    it('carries developer PrincipalTags into the credentials, with policy variables per identity', async () => {
      const dev = (user: string, PrincipalTags?: Record<string, string>) =>
        admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.myapp': user }, PrincipalTags }));
      const credsOf = async (t: { IdentityId?: string; Token?: string }) =>
        (await pub.send(new GetCredentialsForIdentityCommand({ IdentityId: t.IdentityId, Logins: { 'cognito-identity.amazonaws.com': t.Token! } }))).Credentials!;
      const list = (c: Awaited<ReturnType<typeof credsOf>>) => idpWith(c).send(new ListUsersCommand({ UserPoolId: up.poolId }));
      const first = await dev('backend-1');
      const mine = await credsOf(await dev('backend-1', { identity: first.IdentityId!, team: 'ops' }));
      assert.ok((await list(mine)).Users!.length >= 2, 'the identity tag equals ${cognito-identity.amazonaws.com:sub}');
      assert.equal((await idpWith(mine).send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'ops-user' }))).Username, 'ops-user');
      const second = await dev('backend-2');
      const borrowed = await credsOf(await dev('backend-2', { identity: first.IdentityId!, team: 'dev' }));
      assert.notEqual(second.IdentityId, first.IdentityId);
      assert.equal((await failure(list(borrowed))).name, 'AccessDeniedException', "another identity's id in the tag does not match this session's sub");
      assert.equal((await failure(idpWith(borrowed).send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'ops-user' })))).name, 'AccessDeniedException');
    });
  });
}
