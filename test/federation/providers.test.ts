/**
 * Identity providers through the real SDK: create/describe/update/delete/list/get-by-identifier for OIDC,
 * Cognito's validation errors naming the field, DuplicateProviderException for names and identifiers, the client
 * secret sealed at rest (never in the database in the clear), SAML and social types refused as not supported, and
 * app clients that may list a provider in SupportedIdentityProviders only once it exists.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  UpdateIdentityProviderCommand,
  DeleteIdentityProviderCommand,
  ListIdentityProvidersCommand,
  GetIdentityProviderByIdentifierCommand,
  DeleteUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, PG_URL, type TestServer } from '../helpers/server.js';

async function rejects(p: Promise<unknown>, name: string, message?: RegExp) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (message) assert.match(e.message, message);
    return true;
  });
}

const DETAILS = {
  client_id: 'upstream-client',
  client_secret: 'upstream-secret-value-123',
  authorize_scopes: 'openid email profile',
  oidc_issuer: 'https://idp.example.com',
  attributes_request_method: 'GET',
};

/** Every text column of the providers table, read straight from the database. */
async function storedText(s: TestServer): Promise<string> {
  if (s.dialect === 'sqlite') {
    const db = new Database(path.join(s.dataDir, 'cognate.sqlite'), { readonly: true });
    try {
      return JSON.stringify(db.prepare('select * from identity_providers').all());
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return JSON.stringify((await c.query(`select * from "${s.schema}".identity_providers`)).rows);
  } finally {
    await c.end();
  }
}

for (const dialect of DIALECTS) {
  describe(`identity providers (${dialect})`, () => {
    let s: TestServer;
    let poolId: string;
    before(async () => {
      s = await startTestServer(dialect);
      poolId = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'fed' }))).UserPool!.Id!;
    });
    after(() => s.stop());

    it('creates, describes, updates, lists and deletes an OIDC provider', async () => {
      const created = (await s.idp.send(new CreateIdentityProviderCommand({
        UserPoolId: poolId, ProviderName: 'Upstream', ProviderType: 'OIDC', ProviderDetails: DETAILS,
        AttributeMapping: { email: 'email', given_name: 'given_name' }, IdpIdentifiers: ['example.com', 'Up'],
      }))).IdentityProvider!;
      assert.equal(created.ProviderName, 'Upstream');
      assert.equal(created.ProviderType, 'OIDC');
      assert.equal(created.UserPoolId, poolId);
      assert.deepEqual(created.AttributeMapping, { username: 'sub', email: 'email', given_name: 'given_name' });
      assert.deepEqual(created.IdpIdentifiers, ['example.com', 'Up']);
      assert.equal(created.ProviderDetails!.client_secret, DETAILS.client_secret);
      assert.equal(created.ProviderDetails!.attributes_url_add_attributes, 'false');
      assert.ok(created.CreationDate instanceof Date);
      const described = (await s.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Upstream' }))).IdentityProvider!;
      assert.deepEqual(described, created);
      const byId = (await s.idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'Up' }))).IdentityProvider!;
      assert.equal(byId.ProviderName, 'Upstream');

      s.clock.advance(2_000);
      const { client_secret: _omit, ...noSecret } = DETAILS;
      const updated = (await s.idp.send(new UpdateIdentityProviderCommand({
        UserPoolId: poolId, ProviderName: 'Upstream', ProviderDetails: { ...noSecret, authorize_scopes: 'openid email' }, IdpIdentifiers: ['Up2'],
      }))).IdentityProvider!;
      assert.equal(updated.ProviderDetails!.authorize_scopes, 'openid email');
      assert.equal(updated.ProviderDetails!.client_secret, DETAILS.client_secret, 'an update without client_secret keeps the stored one');
      assert.deepEqual(updated.AttributeMapping, created.AttributeMapping);
      assert.ok(updated.LastModifiedDate!.getTime() > created.LastModifiedDate!.getTime());
      await rejects(s.idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'Up' })), 'ResourceNotFoundException');
      assert.equal((await s.idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'Up2' }))).IdentityProvider!.ProviderName, 'Upstream');

      const list = await s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId }));
      assert.deepEqual(list.Providers!.map((p) => [p.ProviderName, p.ProviderType]), [['Upstream', 'OIDC']]);
      await s.idp.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Upstream' }));
      await rejects(s.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Upstream' })), 'ResourceNotFoundException', /Upstream/);
      await rejects(s.idp.send(new DeleteIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Upstream' })), 'ResourceNotFoundException');
      await rejects(s.idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: 'Up2' })), 'ResourceNotFoundException');
    });

    it('threat: a database leak exposes IdP client secrets — the secret is sealed at rest', async () => {
      await s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Sealed', ProviderType: 'OIDC', ProviderDetails: DETAILS }));
      const text = await storedText(s);
      assert.match(text, /upstream-client/);
      assert.doesNotMatch(text, /upstream-secret-value-123/);
      const restarted = await s.restart();
      s = restarted;
      const d = (await s.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Sealed' }))).IdentityProvider!;
      assert.equal(d.ProviderDetails!.client_secret, DETAILS.client_secret);
    });

    it('refuses duplicates of names and identifiers', async () => {
      await s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Dup', ProviderType: 'OIDC', ProviderDetails: DETAILS, IdpIdentifiers: ['dup-id'] }));
      await rejects(s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Dup', ProviderType: 'OIDC', ProviderDetails: DETAILS })), 'DuplicateProviderException', /Dup/);
      await rejects(
        s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Dup2', ProviderType: 'OIDC', ProviderDetails: DETAILS, IdpIdentifiers: ['dup-id'] })),
        'DuplicateProviderException', /dup-id/,
      );
      // nothing half-written: the refused provider does not exist
      await rejects(s.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Dup2' })), 'ResourceNotFoundException');
    });

    it('names the field of every invalid configuration', async () => {
      const create = (over: Record<string, unknown>) =>
        s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Bad', ProviderType: 'OIDC', ProviderDetails: DETAILS, ...over } as never));
      const { client_id: _c, ...noClient } = DETAILS;
      await rejects(create({ ProviderDetails: noClient }), 'InvalidParameterException', /client_id/);
      await rejects(create({ ProviderDetails: { ...DETAILS, oidc_issuer: 'not a url' } }), 'InvalidParameterException', /oidc_issuer/);
      await rejects(create({ ProviderDetails: { ...DETAILS, authorize_scopes: 'email' } }), 'InvalidParameterException', /authorize_scopes/);
      await rejects(create({ ProviderDetails: { ...DETAILS, attributes_request_method: 'PUT' } }), 'InvalidParameterException', /attributes_request_method/);
      await rejects(create({ ProviderDetails: { ...DETAILS, surprise: 'x' } }), 'InvalidParameterException', /surprise/);
      await rejects(create({ ProviderDetails: { ...DETAILS, token_url: 'https://idp.example.com/t#frag' } }), 'InvalidParameterException', /token_url/);
      await rejects(create({ AttributeMapping: { no_such_attribute: 'x' } }), 'InvalidParameterException', /no_such_attribute/);
      await rejects(create({ AttributeMapping: { sub: 'sub' } }), 'InvalidParameterException', /sub/);
      await rejects(create({ IdpIdentifiers: ['bad/identifier'] }), 'InvalidParameterException', /IdpIdentifiers/);
      await rejects(create({ ProviderName: 'COGNITO' }), 'InvalidParameterException', /ProviderName/i);
      await rejects(create({ ProviderName: '_bad' }), 'InvalidParameterException', /ProviderName/i);
      await rejects(create({ ProviderType: 'Okta' }), 'InvalidParameterException', /ProviderType/i);
      await rejects(create({ UserPoolId: 'us-east-1_missing' }), 'ResourceNotFoundException');
      await rejects(s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 0 })), 'InvalidParameterException', /MaxResults/i);
    });

    it('refuses SAML and social providers clearly as not yet supported (InvalidParameterException, as Create models it), leaving nothing behind', async () => {
      const details: Record<string, Record<string, string>> = {
        SAML: { MetadataURL: 'https://x.example/m' },
        Google: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid email' },
        Facebook: { client_id: 'f', client_secret: 's', authorize_scopes: 'public_profile' },
        LoginWithAmazon: { client_id: 'a', client_secret: 's', authorize_scopes: 'profile' },
        SignInWithApple: { client_id: 'a', team_id: 't', key_id: 'k', private_key: 'p', authorize_scopes: 'email' },
      };
      for (const [type, ProviderDetails] of Object.entries(details)) {
        const name = type === 'SAML' ? 'Corp' : type;
        await rejects(
          s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name, ProviderType: type as 'SAML', ProviderDetails })),
          'InvalidParameterException', new RegExp(`^ProviderType ${type} is not supported by Cognate yet: .*planned`),
        );
        await rejects(s.idp.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: name })), 'ResourceNotFoundException');
      }
    });

    it('pages by keyset and cascades with the pool', async () => {
      const pool2 = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'fed-paging' }))).UserPool!.Id!;
      for (const n of ['Pva', 'Pvb', 'Pvc']) {
        await s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool2, ProviderName: n, ProviderType: 'OIDC', ProviderDetails: DETAILS, IdpIdentifiers: [`${n}-id`] }));
      }
      const p1 = await s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: pool2, MaxResults: 2 }));
      assert.deepEqual(p1.Providers!.map((p) => p.ProviderName), ['Pva', 'Pvb']);
      const p2 = await s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: pool2, MaxResults: 2, NextToken: p1.NextToken }));
      assert.deepEqual(p2.Providers!.map((p) => p.ProviderName), ['Pvc']);
      assert.equal(p2.NextToken, undefined);
      await rejects(s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, NextToken: p1.NextToken })), 'InvalidParameterException', /NextToken/);
      await s.idp.send(new DeleteUserPoolCommand({ UserPoolId: pool2 }));
      const again = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'fed-paging' }))).UserPool!.Id!;
      assert.deepEqual((await s.idp.send(new ListIdentityProvidersCommand({ UserPoolId: again }))).Providers, []);
    });

    it('app clients may name a provider in SupportedIdentityProviders only once it exists', async () => {
      const client = (name: string) =>
        s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name, SupportedIdentityProviders: ['COGNITO', 'Listed'] }));
      await rejects(client('before'), 'InvalidParameterException', /Listed/);
      await s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Listed', ProviderType: 'OIDC', ProviderDetails: DETAILS }));
      const c = (await client('after')).UserPoolClient!;
      assert.deepEqual(c.SupportedIdentityProviders, ['COGNITO', 'Listed']);
    });
  });
}
