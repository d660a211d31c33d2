/**
 * Temporary credentials from identity pools through the AWS SDK's own credential provider
 * (`fromCognitoIdentityPool`) and GetCredentialsForIdentity, on both dialects: the enhanced flow with a
 * Cognate user-pool ID token signed in with InitiateAuth, guests, developer tokens, role mapping (Rules on
 * claims, Token from groups, ambiguous → Deny), CustomRoleArn, trust policies, and the credentials signing SDK
 * calls back to Cognate under the role's policies. Threats named: a user must not obtain another rule's role by
 * asking for it, and a role whose trust policy does not name the pool must not be assumable through it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import {
  GetCredentialsForIdentityCommand, GetIdCommand, GetOpenIdTokenForDeveloperIdentityCommand, SetIdentityPoolRolesCommand, type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { AdminGetUserCommand, CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import {
  allow, cognitoTrust, failure, identityAdmin, identityPool, identityPublic, makeRole, stsClient, userPool, type UserPoolSetup,
} from './fixtures.js';

for (const d of DIALECTS) {
  describe(`identity-pool credentials (${d})`, () => {
    let s: TestServer;
    let pub: CognitoIdentityClient;
    let admin: CognitoIdentityClient;
    let up: UserPoolSetup;
    let other: UserPoolSetup;
    let poolId: string;
    const arns: Record<string, string> = {};
    before(async () => {
      s = await startTestServer(d);
      pub = identityPublic(s);
      admin = identityAdmin(s);
      up = await userPool(s);
      other = await userPool(s);
      poolId = await identityPool(s, {
        AllowUnauthenticatedIdentities: true, DeveloperProviderName: 'login.myapp',
        CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }],
      });
      const upArn = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${up.poolId}`;
      arns.auth = await makeRole(s, 'Auth', cognitoTrust(poolId, 'authenticated'), allow('cognito-idp:AdminGetUser', upArn));
      arns.guest = await makeRole(s, 'Guest', cognitoTrust(poolId, 'unauthenticated'), allow('cognito-idp:ListUserPools'));
      arns.gold = await makeRole(s, 'Gold', cognitoTrust(poolId, 'authenticated'), allow('cognito-idp:ListUserPools'));
      arns.admins = await makeRole(s, 'Admins', cognitoTrust(poolId, 'authenticated'), allow('cognito-idp:*'));
      arns.elsewhere = await makeRole(s, 'Elsewhere', cognitoTrust('us-east-1:99999999-9999-9999-9999-999999999999', 'authenticated'));
      await up.group('admins', arns.admins, 1);
      await up.addUser('goldie', { 'custom:tier': 'gold' });
      await up.addUser('plain', { 'custom:tier': 'free' });
      await up.addUser('boss', {}, ['admins']);
      await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: arns.auth!, unauthenticated: arns.guest! } }));
    });
    after(() => s.stop());

    const idpWith = (credentials: AwsCredentialIdentity) => new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const provider = (logins?: Record<string, string>, customRoleArn?: string) =>
      fromCognitoIdentityPool({ identityPoolId: poolId, logins, customRoleArn, clientConfig: { endpoint: s.url, region: 'us-east-1', maxAttempts: 1 } });

    it('gives a signed-in user credentials through fromCognitoIdentityPool (enhanced flow)', async () => {
      const creds = await provider({ [up.awsKey]: await up.signIn('plain') })();
      assert.match(creds.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(creds.secretAccessKey.length, 40);
      assert.ok(creds.sessionToken);
      assert.ok(creds.expiration instanceof Date && creds.expiration.getTime() > Date.now());
      const again = await provider({ [up.issuerKey]: await up.signIn('plain') })();
      assert.equal(again.identityId, creds.identityId, 'the issuer key form names the same identity');
      // The authenticated role may read users of this pool only.
      const user = await idpWith(creds).send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'plain' }));
      assert.equal(user.Username, 'plain');
    });

    it('signs SDK calls only as far as the role allows', async () => {
      const creds = await provider({ [up.awsKey]: await up.signIn('plain') })();
      const idp = idpWith(creds);
      const create = await failure(idp.send(new CreateUserPoolCommand({ PoolName: 'nope' })));
      assert.equal(create.name, 'AccessDeniedException');
      assert.match(create.message, /cognito-idp:CreateUserPool/);
      await other.addUser('someone');
      const elsewhere = await failure(idp.send(new AdminGetUserCommand({ UserPoolId: other.poolId, Username: 'someone' })));
      assert.equal(elsewhere.name, 'AccessDeniedException');
      assert.match(elsewhere.message, new RegExp(other.poolId));
    });

    it('gives guests the unauthenticated role under the scope-down policy', async () => {
      const creds = await provider()();
      assert.match(creds.accessKeyId, /^ASIA/);
      const r = await failure(idpWith(creds).send(new ListUserPoolsCommand({ MaxResults: 1 })));
      assert.equal(r.name, 'AccessDeniedException', 'cognito-idp is outside the guest scope-down even when the role allows it');
      const guestsOff = await identityPool(s, { AllowUnauthenticatedIdentities: false });
      const off = await failure(fromCognitoIdentityPool({ identityPoolId: guestsOff, clientConfig: { endpoint: s.url, region: 'us-east-1', maxAttempts: 1 } })());
      assert.equal(off.name, 'NotAuthorizedException');
    });

    it('refuses a stale or unknown identity and a guest call for an authenticated identity', async () => {
      const unknown = await failure(pub.send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' })));
      assert.equal(unknown.name, 'ResourceNotFoundException');
      const token = await up.signIn('plain');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: token } }))).IdentityId!;
      const noLogins = await failure(pub.send(new GetCredentialsForIdentityCommand({ IdentityId: id })));
      assert.equal(noLogins.name, 'NotAuthorizedException');
      assert.match(noLogins.message, /^Logins don't match/);
      const bad = await failure(pub.send(new GetCredentialsForIdentityCommand({ IdentityId: id, Logins: { [up.awsKey]: 'garbage' } })));
      assert.equal(bad.name, 'NotAuthorizedException');
      assert.match(bad.message, /^Invalid login token/);
    });

    it('maps users to roles by rules on their claims, and by groups with Token mapping', async () => {
      const key = `${up.awsKey}:${up.clientId}`;
      await admin.send(new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId, Roles: { authenticated: arns.auth!, unauthenticated: arns.guest! },
        RoleMappings: { [key]: { Type: 'Rules', AmbiguousRoleResolution: 'AuthenticatedRole', RulesConfiguration: { Rules: [
          { Claim: 'custom:tier', MatchType: 'Equals', Value: 'gold', RoleARN: arns.gold! },
        ] } } },
      }));
      const goldCreds = await provider({ [up.awsKey]: await up.signIn('goldie') })();
      const plainCreds = await provider({ [up.awsKey]: await up.signIn('plain') })();
      assert.equal((await stsClient(s, goldCreds).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:sts::000000000000:assumed-role/Gold/CognitoIdentityCredentials');
      assert.equal((await stsClient(s, plainCreds).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:sts::000000000000:assumed-role/Auth/CognitoIdentityCredentials');
      const gold = idpWith(goldCreds);
      const plain = idpWith(plainCreds);
      assert.ok((await gold.send(new ListUserPoolsCommand({ MaxResults: 1 }))).UserPools, 'the gold rule role may list pools');
      assert.equal((await failure(plain.send(new ListUserPoolsCommand({ MaxResults: 1 })))).name, 'AccessDeniedException');
      assert.equal((await failure(gold.send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'plain' })))).name, 'AccessDeniedException');

      // Threat: a free-tier user asking for the gold role by CustomRoleArn is refused.
      const asked = await failure(provider({ [up.awsKey]: await up.signIn('plain') }, arns.gold)());
      assert.equal(asked.name, 'NotAuthorizedException');

      await admin.send(new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId, Roles: { authenticated: arns.auth!, unauthenticated: arns.guest! },
        RoleMappings: { [key]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
      }));
      const boss = idpWith(await provider({ [up.awsKey]: await up.signIn('boss') })());
      await boss.send(new AdminGetUserCommand({ UserPoolId: other.poolId, Username: 'someone' }));
      const denied = await failure(provider({ [up.awsKey]: await up.signIn('plain') })());
      assert.equal(denied.name, 'NotAuthorizedException', 'no group role and AmbiguousRoleResolution Deny');
      await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: arns.auth!, unauthenticated: arns.guest! } }));
    });

    it('threat: a role whose trust policy names another pool cannot be assumed through this one', async () => {
      const wrong = await identityPool(s, { CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: wrong, Roles: { authenticated: arns.elsewhere! } }));
      const token = await up.signIn('plain');
      const id = (await pub.send(new GetIdCommand({ IdentityPoolId: wrong, Logins: { [up.awsKey]: token } }))).IdentityId!;
      const r = await failure(pub.send(new GetCredentialsForIdentityCommand({ IdentityId: id, Logins: { [up.awsKey]: token } })));
      assert.equal(r.name, 'InvalidIdentityPoolConfigurationException');
      const noRole = await identityPool(s, { AllowUnauthenticatedIdentities: true });
      const guest = (await pub.send(new GetIdCommand({ IdentityPoolId: noRole }))).IdentityId!;
      const missing = await failure(pub.send(new GetCredentialsForIdentityCommand({ IdentityId: guest })));
      assert.equal(missing.name, 'InvalidIdentityPoolConfigurationException');
      assert.equal(missing.message, 'Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    });

    it('exchanges a developer token for credentials of the authenticated role', async () => {
      const dev = await admin.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { 'login.myapp': 'dev-user-1' } }));
      const r = await pub.send(new GetCredentialsForIdentityCommand({ IdentityId: dev.IdentityId, Logins: { 'cognito-identity.amazonaws.com': dev.Token! } }));
      assert.equal(r.IdentityId, dev.IdentityId);
      assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
      assert.ok(r.Credentials!.Expiration instanceof Date);
      const user = await idpWith({ accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretKey!, sessionToken: r.Credentials!.SessionToken! })
        .send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'plain' }));
      assert.equal(user.Username, 'plain');
    });
  });
}
