/**
 * The identity-pool control plane through @aws-sdk/client-cognito-identity on both dialects: create, describe,
 * update (full replace; DeveloperProviderName immutable), list with paging, delete, roles and role mappings
 * (validated), principal-tag maps, tags by ARN, and the refusal of unsigned control-plane calls.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateIdentityPoolCommand, DeleteIdentityPoolCommand, DescribeIdentityPoolCommand, GetIdentityPoolRolesCommand, GetPrincipalTagAttributeMapCommand,
  ListIdentityPoolsCommand, ListTagsForResourceCommand, SetIdentityPoolRolesCommand, SetPrincipalTagAttributeMapCommand, TagResourceCommand,
  UntagResourceCommand, UpdateIdentityPoolCommand, type CognitoIdentityClient,
} from '@aws-sdk/client-cognito-identity';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { failure, identityAdmin, identityPool, role, userPool, type UserPoolSetup } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`identity pool control plane (${d})`, () => {
    let s: TestServer;
    let ci: CognitoIdentityClient;
    let up: UserPoolSetup;
    before(async () => {
      s = await startTestServer(d);
      ci = identityAdmin(s);
      up = await userPool(s);
    });
    after(() => s.stop());

    it('creates, describes, updates and deletes a pool', async () => {
      const created = await ci.send(new CreateIdentityPoolCommand({
        IdentityPoolName: 'my pool', AllowUnauthenticatedIdentities: true, DeveloperProviderName: 'login.example',
        CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId, ServerSideTokenCheck: true }],
        IdentityPoolTags: { team: 'a' },
      }));
      const id = created.IdentityPoolId!;
      assert.match(id, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const got = await ci.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
      assert.equal(got.IdentityPoolName, 'my pool');
      assert.equal(got.AllowUnauthenticatedIdentities, true);
      assert.equal(got.AllowClassicFlow, false);
      assert.equal(got.DeveloperProviderName, 'login.example');
      assert.deepEqual(got.CognitoIdentityProviders, [{ ProviderName: up.awsKey, ClientId: up.clientId, ServerSideTokenCheck: true }]);
      assert.deepEqual(got.IdentityPoolTags, { team: 'a' });

      const updated = await ci.send(new UpdateIdentityPoolCommand({
        IdentityPoolId: id, IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: false, AllowClassicFlow: true, DeveloperProviderName: 'login.example',
      }));
      assert.equal(updated.IdentityPoolName, 'renamed');
      assert.deepEqual(updated.CognitoIdentityProviders, [], 'update replaces every setting');
      assert.equal(updated.AllowClassicFlow, true);
      const immutable = await failure(ci.send(new UpdateIdentityPoolCommand({
        IdentityPoolId: id, IdentityPoolName: 'renamed', AllowUnauthenticatedIdentities: false, DeveloperProviderName: 'other.example',
      })));
      assert.equal(immutable.name, 'InvalidParameterException');
      assert.match(immutable.message, /DeveloperProviderName/);

      await ci.send(new DeleteIdentityPoolCommand({ IdentityPoolId: id }));
      const gone = await failure(ci.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id })));
      assert.equal(gone.name, 'ResourceNotFoundException');
      assert.equal(gone.message, `IdentityPool '${id}' not found.`);
    });

    it('accepts the issuer form of a user-pool provider name and refuses names that are not user pools', async () => {
      await identityPool(s, { CognitoIdentityProviders: [{ ProviderName: up.issuerKey, ClientId: up.clientId }] });
      const bad = await failure(ci.send(new CreateIdentityPoolCommand({
        IdentityPoolName: 'bad', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: 'evil.example.com/us-east-1_abc', ClientId: 'x' }],
      })));
      assert.equal(bad.name, 'InvalidParameterException');
      assert.match(bad.message, /ProviderName/);
      const badName = await failure(ci.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'bad/name', AllowUnauthenticatedIdentities: false })));
      assert.equal(badName.name, 'InvalidParameterException');
      assert.match(badName.message, /identityPoolName/);
    });

    it('lists pools page by page', async () => {
      for (let i = 0; i < 3; i++) await identityPool(s);
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await ci.send(new ListIdentityPoolsCommand({ MaxResults: 2, NextToken }));
        assert.ok(page.IdentityPools!.length <= 2);
        seen.push(...page.IdentityPools!.map((p) => p.IdentityPoolId!));
        NextToken = page.NextToken;
      } while (NextToken);
      assert.ok(seen.length >= 3);
      assert.equal(new Set(seen).size, seen.length);
    });

    it('sets and gets roles and role mappings, refusing incomplete or foreign mappings', async () => {
      const id = await identityPool(s, { CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      const key = `${up.awsKey}:${up.clientId}`;
      const RoleMappings = {
        [key]: {
          Type: 'Rules' as const, AmbiguousRoleResolution: 'Deny' as const,
          RulesConfiguration: { Rules: [{ Claim: 'custom:tier', MatchType: 'Equals' as const, Value: 'gold', RoleARN: role('gold') }] },
        },
      };
      await ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: role('auth'), unauthenticated: role('guest') }, RoleMappings }));
      const got = await ci.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
      assert.deepEqual(got.Roles, { authenticated: role('auth'), unauthenticated: role('guest') });
      assert.deepEqual(got.RoleMappings, RoleMappings);

      const noResolution = await failure(ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: { [key]: { Type: 'Token' } } })));
      assert.equal(noResolution.name, 'InvalidParameterException');
      assert.match(noResolution.message, /AmbiguousRoleResolution/);
      const noRules = await failure(ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: {}, RoleMappings: { [key]: { Type: 'Rules', AmbiguousRoleResolution: 'Deny' } } })));
      assert.match(noRules.message, /RulesConfiguration/);
      const foreign = await failure(ci.send(new SetIdentityPoolRolesCommand({
        IdentityPoolId: id, Roles: {}, RoleMappings: { [`${up.awsKey}:otherclient`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
      })));
      assert.equal(foreign.name, 'InvalidParameterException');
      const badRole = await failure(ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: 'arn:aws:s3:::not-a-role' } })));
      assert.equal(badRole.name, 'InvalidParameterException');
      const badType = await failure(ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { admin: role('x') } })));
      assert.equal(badType.name, 'InvalidParameterException');
      const missing = await failure(ci.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' })));
      assert.equal(missing.name, 'ResourceNotFoundException');
    });

    it('keeps principal-tag attribute maps per provider', async () => {
      const id = await identityPool(s, { CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      const empty = await ci.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: up.awsKey }));
      assert.equal(empty.UseDefaults, false);
      assert.deepEqual(empty.PrincipalTags, {});
      const set = await ci.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: up.awsKey, UseDefaults: true, PrincipalTags: { dept: 'custom:dept' } }));
      assert.equal(set.UseDefaults, true);
      const got = await ci.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: up.awsKey }));
      assert.deepEqual(got.PrincipalTags, { dept: 'custom:dept' });
      assert.equal(got.UseDefaults, true);
    });

    it('tags a pool by its ARN', async () => {
      const id = await identityPool(s);
      const arn = `arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${id}`;
      await ci.send(new TagResourceCommand({ ResourceArn: arn, Tags: { a: '1', b: '2' } }));
      await ci.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
      assert.deepEqual((await ci.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { b: '2' });
      const other = await failure(ci.send(new ListTagsForResourceCommand({ ResourceArn: arn.replace('000000000000', '111111111111') })));
      assert.equal(other.name, 'ResourceNotFoundException');
    });

    it('refuses control-plane calls that are not signed by an operator key', async () => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools' },
        body: JSON.stringify({ MaxResults: 10 }),
      });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    });
  });
}
