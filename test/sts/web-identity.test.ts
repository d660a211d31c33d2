/**
 * STS AssumeRoleWithWebIdentity through @aws-sdk/client-sts, unsigned: the basic (classic) identity-pool flow
 * (GetId → GetOpenIdToken → AssumeRoleWithWebIdentity, trust policy on cognito-identity.amazonaws.com:aud and
 * :amr), and any OIDC issuer registered as an IAM OIDC provider (here a Cognate user pool, its keys fetched over
 * HTTP from its discovery document). The credentials then sign cognito-idp calls that the role's policy limits.
 * Threats: a guest token, another pool's token, an expired or altered token, an unregistered issuer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, DeleteOpenIDConnectProviderCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AdminGetUserCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { identityPool, identityPublic, payloadOf, userPool, type UserPoolSetup } from '../identity-pools/fixtures.js';
import { ACCOUNT, allow, asCreds, doc, iam, idp, poolArn } from './fixtures.js';

const COGNITO = 'cognito-identity.amazonaws.com';
const anonymousSts = (s: TestServer) =>
  new STSClient({ endpoint: s.url, region: 'us-east-1', maxAttempts: 1, credentials: async () => { throw new Error('AssumeRoleWithWebIdentity must not need credentials'); } });

const cognitoTrust = (aud: string, amr = 'authenticated') =>
  doc({
    Effect: 'Allow',
    Principal: { Federated: COGNITO },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${COGNITO}:aud`]: aud }, 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: amr } },
  });

const named = (name: string, message?: RegExp, status?: number) => (e: Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }) => {
  assert.equal(e.name, name, `${e.name}: ${e.message}`);
  if (message) assert.match(e.message, message);
  if (status) assert.equal(e.$metadata?.httpStatusCode, status);
  return true;
};

for (const dialect of DIALECTS) {
  describe(`STS AssumeRoleWithWebIdentity (${dialect})`, () => {
    let server: TestServer;
    let up: UserPoolSetup;
    let otherPool: string;
    let idToken: string;
    let poolId: string;
    before(async () => {
      server = await startTestServer(dialect);
      up = await userPool(server);
      await up.addUser('alice');
      idToken = await up.signIn('alice');
      otherPool = (await server.idp.send(new CreateUserPoolCommand({ PoolName: 'other' }))).UserPool!.Id!;
      poolId = await identityPool(server, { AllowClassicFlow: true, AllowUnauthenticatedIdentities: true, CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      const admin = iam(server);
      await admin.send(new CreateRoleCommand({ RoleName: 'Authed', AssumeRolePolicyDocument: cognitoTrust(poolId), MaxSessionDuration: 3600 }));
      await admin.send(new PutRolePolicyCommand({ RoleName: 'Authed', PolicyName: 'read', PolicyDocument: doc(allow('cognito-idp:AdminGetUser', poolArn(up.poolId))) }));
      await admin.send(new CreateRoleCommand({ RoleName: 'ElsewhereOnly', AssumeRolePolicyDocument: cognitoTrust('us-east-1:00000000-0000-0000-0000-000000000000') }));
    });
    after(() => server.stop());

    test('basic flow: an identity-pool OpenID token of a signed-in user assumes the role; the credentials are limited by its policy', async () => {
      const pub = identityPublic(server);
      const logins = { [up.awsKey]: idToken };
      const { IdentityId } = await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
      const { Token } = await pub.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
      const r = await anonymousSts(server).send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Authed`, RoleSessionName: 'web', WebIdentityToken: Token }),
      );
      assert.equal(r.SubjectFromWebIdentityToken, IdentityId);
      assert.equal(r.Audience, poolId);
      assert.equal(r.Provider, payloadOf(Token!).iss);
      assert.equal(r.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Authed/web`);
      assert.match(r.Credentials!.AccessKeyId!, /^ASIA/);
      assert.ok(r.Credentials!.Expiration instanceof Date);
      const client = idp(server, asCreds(r.Credentials));
      assert.equal((await client.send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'alice' }))).Username, 'alice');
      await assert.rejects(client.send(new AdminGetUserCommand({ UserPoolId: otherPool, Username: 'alice' })), named('AccessDeniedException', /cognito-idp:AdminGetUser/));
      await assert.rejects(client.send(new CreateUserPoolCommand({ PoolName: 'nope' })), named('AccessDeniedException', /cognito-idp:CreateUserPool/));
      // Threat: the same token cannot buy a role trusted only for another identity pool, nor more time than the role allows.
      await assert.rejects(
        anonymousSts(server).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/ElsewhereOnly`, RoleSessionName: 'web', WebIdentityToken: Token })),
        named('AccessDenied', /Not authorized to perform sts:AssumeRoleWithWebIdentity/, 403),
      );
      await assert.rejects(
        anonymousSts(server).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Authed`, RoleSessionName: 'web', WebIdentityToken: Token, DurationSeconds: 7200 })),
        named('ValidationError', /MaxSessionDuration/, 400),
      );
      await assert.rejects(
        anonymousSts(server).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Authed`, RoleSessionName: 'web', WebIdentityToken: Token, Policy: '{"Statement":' })),
        (e: Error & { $fault?: string }) => named('MalformedPolicyDocumentException', /not valid JSON/, 400)(e) && e.$fault === 'client',
      );
    });

    test('threat: a guest token, an altered token and an expired token are refused', async () => {
      const pub = identityPublic(server);
      const { IdentityId } = await pub.send(new GetIdCommand({ IdentityPoolId: poolId }));
      const guest = (await pub.send(new GetOpenIdTokenCommand({ IdentityId }))).Token!;
      const assume = (WebIdentityToken: string) =>
        anonymousSts(server).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Authed`, RoleSessionName: 'web', WebIdentityToken }));
      await assert.rejects(assume(guest), named('AccessDenied', /sts:AssumeRoleWithWebIdentity/));
      const [h, p, sig] = guest.split('.');
      const claims = { ...payloadOf(guest), amr: ['authenticated'] };
      await assert.rejects(assume(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`), named('InvalidIdentityTokenException'));
      await assert.rejects(assume(`${h}.${p}.${sig!.slice(0, -4)}AAAA`), named('InvalidIdentityTokenException'));
      await assert.rejects(assume('not-a-jwt'), named('InvalidIdentityTokenException'));
      const logins = { [up.awsKey]: idToken };
      const authed = (await pub.send(new GetOpenIdTokenCommand({ IdentityId: (await pub.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }))).IdentityId, Logins: logins }))).Token!;
      server.clock.advance(11 * 60_000);
      try {
        await assert.rejects(assume(authed), named('ExpiredTokenException'));
      } finally {
        server.clock.advance(-11 * 60_000);
      }
    });

    test('an OIDC issuer registered as an IAM OIDC provider: its ID tokens assume roles that federate it', async () => {
      const issuer = payloadOf(idToken).iss as string;
      const { OpenIDConnectProviderArn } = await iam(server).send(
        new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: [up.clientId], ThumbprintList: ['0'.repeat(40)] }),
      );
      const key = issuer.replace(/^https?:\/\//, '');
      assert.equal(OpenIDConnectProviderArn, `arn:aws:iam::${ACCOUNT}:oidc-provider/${key}`);
      const trust = (sub: string) =>
        doc({ Effect: 'Allow', Principal: { Federated: OpenIDConnectProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${key}:aud`]: up.clientId, [`${key}:sub`]: sub } } });
      const sub = payloadOf(idToken).sub as string;
      await iam(server).send(new CreateRoleCommand({ RoleName: 'OidcAlice', AssumeRolePolicyDocument: trust(sub) }));
      await iam(server).send(new PutRolePolicyCommand({ RoleName: 'OidcAlice', PolicyName: 'read', PolicyDocument: doc(allow('cognito-idp:AdminGetUser', poolArn(up.poolId))) }));
      await iam(server).send(new CreateRoleCommand({ RoleName: 'OidcBob', AssumeRolePolicyDocument: trust('someone-else') }));
      const assume = (role: string, token = idToken) =>
        anonymousSts(server).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, RoleSessionName: 'oidc', WebIdentityToken: token }));
      const r = await assume('OidcAlice');
      assert.equal(r.SubjectFromWebIdentityToken, sub);
      assert.equal(r.Audience, up.clientId);
      assert.equal(r.Provider, issuer);
      assert.equal((await idp(server, asCreds(r.Credentials)).send(new AdminGetUserCommand({ UserPoolId: up.poolId, Username: 'alice' }))).Username, 'alice');
      await assert.rejects(assume('OidcBob'), named('AccessDenied'));
      // Threat: once the provider is deregistered its tokens are worthless.
      await iam(server).send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn }));
      await assert.rejects(assume('OidcAlice'), named('InvalidIdentityTokenException', /No OpenIDConnect provider found/));
    });
  });
}
