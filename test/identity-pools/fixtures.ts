/**
 * Identity-pool test setup through the real APIs: a Cognate user pool with an app client and signed-in users
 * (ID tokens from InitiateAuth), identity pools made with @aws-sdk/client-cognito-identity, and clients for
 * the public (unsigned) and IAM-signed calls.
 */
import { CognitoIdentityClient, CreateIdentityPoolCommand, type CreateIdentityPoolCommandInput } from '@aws-sdk/client-cognito-identity';
import {
  AdminAddUserToGroupCommand, CreateGroupCommand, InitiateAuthCommand, type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { ADMIN, type TestServer } from '../helpers/server.js';
import { PASSWORD, createClient, createPool, createUser } from '../auth/fixtures.js';

export { failure, PASSWORD } from '../auth/fixtures.js';

export const ACCOUNT = '000000000000';
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** IAM-signed Cognito Identity client (admin key). */
export const identityAdmin = (s: TestServer) => new CognitoIdentityClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });

/**
 * Client for the public operations. The SDK signs when it has credentials, so give it none: the operations
 * Cognito serves unsigned (GetId, GetCredentialsForIdentity, GetOpenIdToken, UnlinkIdentity) must work without.
 */
export const identityPublic = (s: TestServer) =>
  new CognitoIdentityClient({
    endpoint: s.url, region: 'us-east-1', maxAttempts: 1,
    credentials: async () => { throw new Error('public calls must not need credentials'); },
  });

export interface UserPoolSetup {
  poolId: string;
  clientId: string;
  /** `cognito-idp.us-east-1.amazonaws.com/{poolId}` */
  awsKey: string;
  /** The issuer without its scheme (what Amplify uses). */
  issuerKey: string;
  signIn(username: string): Promise<string>;
  addUser(username: string, attrs?: Record<string, string>, groups?: string[]): Promise<void>;
  group(name: string, roleArn?: string, precedence?: number): Promise<void>;
}

export async function userPool(s: TestServer, idp: CognitoIdentityProviderClient = s.idp): Promise<UserPoolSetup> {
  const poolId = await createPool(idp, {
    Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
  });
  const client = await createClient(idp, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  return {
    poolId,
    clientId: client.id,
    awsKey: `cognito-idp.us-east-1.amazonaws.com/${poolId}`,
    issuerKey: `${s.url.replace(/^https?:\/\//, '')}/${poolId}`,
    async signIn(username) {
      const r = await s.publicIdp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.id, AuthParameters: { USERNAME: username, PASSWORD } }));
      return r.AuthenticationResult!.IdToken!;
    },
    async addUser(username, attrs = {}, groups = []) {
      await createUser(idp, poolId, username, PASSWORD, attrs);
      for (const g of groups) await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: g }));
    },
    async group(name, roleArn, precedence) {
      await idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, RoleArn: roleArn, Precedence: precedence }));
    },
  };
}

let n = 0;
export async function identityPool(s: TestServer, input: Partial<CreateIdentityPoolCommandInput> = {}): Promise<string> {
  const r = await identityAdmin(s).send(new CreateIdentityPoolCommand({ IdentityPoolName: `ids_${++n}`, AllowUnauthenticatedIdentities: false, ...input }));
  return r.IdentityPoolId!;
}

/** The JSON payload of a JWT, unverified. */
export const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The trust policy Cognito's console writes for a pool's role (authenticated or unauthenticated). */
export function cognitoTrust(identityPoolId: string, amr: 'authenticated' | 'unauthenticated') {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
      },
    }],
  });
}

export const allow = (Action: string | string[], Resource: string | string[] = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

/** Creates a role (and an inline policy) through @aws-sdk/client-iam. */
export async function makeRole(s: TestServer, name: string, trust: string, policy?: string): Promise<string> {
  const iam = new IAMClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 });
  const r = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  if (policy) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: policy }));
  return r.Role!.Arn!;
}

/** An STS client signed with the given credentials (or the admin key). */
export const stsClient = (s: TestServer, credentials: AwsCredentialIdentity = ADMIN) =>
  new STSClient({ endpoint: s.url, region: 'us-east-1', credentials, maxAttempts: 1 });
