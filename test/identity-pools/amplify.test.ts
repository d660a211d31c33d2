/**
 * Amplify v6 against identity pools, unmodified: `fetchAuthSession()` for a guest and for a signed-in user
 * (Amplify builds the Logins key from the ID token's `iss` without the scheme, i.e. Cognate's issuer form), and
 * the identity id it keeps after sign-in matches what GetId answers for that user.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { GetIdCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, cognitoTrust, identityAdmin, identityPool, identityPublic, makeRole, userPool, type UserPoolSetup } from './fixtures.js';

for (const d of DIALECTS) {
  describe(`Amplify v6 identity pools (${d})`, () => {
    let s: TestServer;
    let up: UserPoolSetup;
    let poolId: string;
    before(async () => {
      s = await startTestServer(d);
      up = await userPool(s);
      await up.addUser('amy');
      poolId = await identityPool(s, { AllowUnauthenticatedIdentities: true, CognitoIdentityProviders: [{ ProviderName: up.awsKey, ClientId: up.clientId }] });
      await identityAdmin(s).send(new SetIdentityPoolRolesCommand({
        IdentityPoolId: poolId,
        Roles: { authenticated: await makeRole(s, 'AmpAuth', cognitoTrust(poolId, 'authenticated')), unauthenticated: await makeRole(s, 'AmpGuest', cognitoTrust(poolId, 'unauthenticated')) },
      }));
      Amplify.configure({
        Auth: { Cognito: { userPoolId: up.poolId, userPoolClientId: up.clientId, userPoolEndpoint: s.url, identityPoolId: poolId, identityPoolEndpoint: s.url, allowGuestAccess: true } },
      });
    });
    after(async () => {
      await signOut().catch(() => undefined);
      await s.stop();
    });

    it('gets guest credentials, then the signed-in user\'s identity and credentials', async () => {
      const guest = await fetchAuthSession();
      assert.match(guest.identityId!, /^us-east-1:/);
      assert.match(guest.credentials!.accessKeyId, /^ASIA/);
      await signIn({ username: 'amy', password: PASSWORD });
      const session = await fetchAuthSession();
      assert.match(session.credentials!.accessKeyId, /^ASIA/);
      const viaSdk = await identityPublic(s).send(new GetIdCommand({ IdentityPoolId: poolId, Logins: { [up.awsKey]: await up.signIn('amy') } }));
      assert.equal(session.identityId, viaSdk.IdentityId);
      await signOut();
    });
  });
}
