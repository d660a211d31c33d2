/**
 * Shared setup for STS/IAM tests: SDK clients for a server, a user pool with a signed-in user (for an OIDC ID
 * token from Cognate itself), and policy documents.
 */
import { STSClient } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN, type TestServer } from '../helpers/server.js';

export interface Creds { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export const ACCOUNT = '000000000000';
/** Clients sign with the server's (test) clock, as a client whose clock agrees with the server would. */
const opts = (s: TestServer, credentials: Creds) => ({ endpoint: s.url, region: 'us-east-1', credentials, maxAttempts: 1, systemClockOffset: s.clock.offset });
export const sts = (s: TestServer, credentials: Creds = ADMIN) => new STSClient(opts(s, credentials));
export const iam = (s: TestServer, credentials: Creds = ADMIN) => new IAMClient(opts(s, credentials));
export const idp = (s: TestServer, credentials: Creds) => new CognitoIdentityProviderClient(opts(s, credentials));

/** STS credentials in the shape SDK clients take. */
export const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Creds => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

export const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
export const trustAccount = () => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' });
export const poolArn = (poolId: string) => `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/${poolId}`;

let n = 0;

/** A pool with a client allowing admin password sign-in and one confirmed user; returns an ID token for it. */
export async function poolWithUser(s: TestServer, username = 'alice') {
  const pool = (await s.idp.send(new CreateUserPoolCommand({ PoolName: `sts${n++}` }))).UserPool!;
  const client = (
    await s.idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id!, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
  ).UserPoolClient!;
  await s.idp.send(new AdminCreateUserCommand({ UserPoolId: pool.Id!, Username: username, MessageAction: 'SUPPRESS' }));
  await s.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.Id!, Username: username, Password: 'Correct-Horse-9', Permanent: true }));
  const signIn = async () =>
    (
      await s.idp.send(
        new AdminInitiateAuthCommand({
          UserPoolId: pool.Id!,
          ClientId: client.ClientId!,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: 'Correct-Horse-9' },
        }),
      )
    ).AuthenticationResult!.IdToken!;
  return { poolId: pool.Id!, clientId: client.ClientId!, idToken: await signIn(), signIn };
}
