/**
 * AdminLinkProviderForUser / AdminDisableProviderForUser through the real SDK: the link shows as an `identities`
 * entry of the native user, Cognito's refusals name the member at fault, at most five identities per user, an
 * identity links to one user only, and disabling removes the link. Threat: a user (or an app) writing its own
 * `identities` attribute would forge the identities claim that relying parties trust — it is refused.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateIdentityProviderCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminDisableProviderForUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, DIALECTS, type TestServer } from '../helpers/server.js';

async function rejects(p: Promise<unknown>, name: string, message?: RegExp) {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, name, `${e.name}: ${e.message}`);
    if (message) assert.match(e.message, message);
    return true;
  });
}

const DETAILS = { client_id: 'c', client_secret: 's', authorize_scopes: 'openid', oidc_issuer: 'https://idp.example.com' };
const source = (sub: string, over: Record<string, string> = {}) => ({ ProviderName: 'Upstream', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: sub, ...over });
const dest = (username: string) => ({ ProviderName: 'Cognito', ProviderAttributeValue: username });

for (const dialect of DIALECTS) {
  describe(`provider links (${dialect})`, () => {
    let s: TestServer;
    let poolId: string;
    const identities = async (username: string) => {
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      const v = u.UserAttributes!.find((a) => a.Name === 'identities')?.Value;
      return v === undefined ? undefined : (JSON.parse(v) as Record<string, unknown>[]);
    };
    before(async () => {
      s = await startTestServer(dialect);
      poolId = (await s.idp.send(new CreateUserPoolCommand({ PoolName: 'links' }))).UserPool!.Id!;
      await s.idp.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Upstream', ProviderType: 'OIDC', ProviderDetails: DETAILS }));
      for (const u of ['alice', 'bob']) await s.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u, MessageAction: 'SUPPRESS' }));
    });
    after(() => s.stop());

    it('links an external identity to a native user and shows it in identities', async () => {
      await s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('alice'), SourceUser: source('ext-1') }));
      const list = await identities('alice');
      assert.equal(list!.length, 1);
      assert.deepEqual({ ...list![0], dateCreated: undefined }, {
        userId: 'ext-1', providerName: 'Upstream', providerType: 'OIDC', issuer: null, primary: false, dateCreated: undefined,
      });
      assert.equal(typeof list![0]!.dateCreated, 'number');
      // linking the same pair again changes nothing
      await s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('alice'), SourceUser: source('ext-1') }));
      assert.equal((await identities('alice'))!.length, 1);
    });

    it('refuses what Cognito refuses, naming the member', async () => {
      const link = (d: Record<string, string>, src: Record<string, string>) =>
        s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: d, SourceUser: src }));
      await rejects(link({ ProviderName: 'Upstream', ProviderAttributeValue: 'bob' }, source('ext-2')), 'InvalidParameterException', /DestinationUser\.ProviderName/);
      await rejects(link(dest('bob'), source('ext-2', { ProviderName: 'Nope' })), 'InvalidParameterException', /SourceUser\.ProviderName/);
      await rejects(link(dest('bob'), source('ext-2', { ProviderAttributeName: 'email' })), 'InvalidParameterException', /SourceUser\.ProviderAttributeName/);
      await rejects(link(dest('bob'), source('')), 'InvalidParameterException', /SourceUser\.ProviderAttributeValue/);
      await rejects(link(dest('nobody'), source('ext-2')), 'UserNotFoundException');
      await rejects(link(dest('bob'), source('ext-1')), 'InvalidParameterException', /already linked/);
    });

    it('allows at most five linked identities per user', async () => {
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' }));
      for (let i = 0; i < 5; i++) {
        await s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('carol'), SourceUser: source(`c-${i}`) }));
      }
      await rejects(
        s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('carol'), SourceUser: source('c-5') })),
        'LimitExceededException',
      );
      assert.equal((await identities('carol'))!.length, 5);
    });

    it('AdminDisableProviderForUser removes the link and the identities entry', async () => {
      await s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('bob'), SourceUser: source('ext-b') }));
      assert.equal((await identities('bob'))!.length, 1);
      await s.idp.send(new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: source('ext-b') }));
      assert.equal(await identities('bob'), undefined);
      // the identity is free again and can be linked elsewhere
      await s.idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: poolId, DestinationUser: dest('alice'), SourceUser: source('ext-b') }));
      await rejects(s.idp.send(new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: source('x', { ProviderName: 'Cognito' }) })), 'InvalidParameterException', /Cognito/);
    });

    it('threat: forging the identities claim — identities cannot be written through the user APIs', async () => {
      const forged = JSON.stringify([{ userId: 'victim', providerName: 'Upstream', providerType: 'OIDC', issuer: null, primary: true, dateCreated: 1 }]);
      await rejects(
        s.idp.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'bob', UserAttributes: [{ Name: 'identities', Value: forged }] })),
        'InvalidParameterException', /identities/,
      );
      await rejects(
        s.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'mallory', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'identities', Value: forged }] })),
        'InvalidParameterException', /identities/,
      );
      const clientId = (await s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
      await s.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'bob', Password: 'Passw0rd!long', Permanent: true }));
      const auth = await s.publicIdp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'Passw0rd!long' } }));
      await rejects(
        s.publicIdp.send(new UpdateUserAttributesCommand({ AccessToken: auth.AuthenticationResult!.AccessToken!, UserAttributes: [{ Name: 'identities', Value: forged }] })),
        'InvalidParameterException', /identities/,
      );
      assert.equal(await identities('bob'), undefined);
    });
  });
}
