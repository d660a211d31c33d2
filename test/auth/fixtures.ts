/**
 * Pools, clients and users for the sign-in tests, made through the real admin API, plus the SRP client steps
 * (our own client-side math, which srp.test.ts checks against amazon-cognito-identity-js).
 */
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient, type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { clientA, clientSignature, formatTimestamp } from '../../src/auth/srp.js';
export { clientA };

export const PASSWORD = 'Correct-Horse-9';

export async function createPool(idp: CognitoIdentityProviderClient, input: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
  const r = await idp.send(new CreateUserPoolCommand({ PoolName: `auth-${Math.random().toString(36).slice(2, 8)}`, ...input }));
  return r.UserPool!.Id!;
}

export async function createClient(
  idp: CognitoIdentityProviderClient, poolId: string, input: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<{ id: string; secret?: string }> {
  const r = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...input }));
  return { id: r.UserPoolClient!.ClientId!, secret: r.UserPoolClient!.ClientSecret };
}

/** A CONFIRMED user with a permanent password. */
export async function createUser(idp: CognitoIdentityProviderClient, poolId: string, username: string, password = PASSWORD, attrs: Record<string, string> = {}) {
  await idp.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

/** A FORCE_CHANGE_PASSWORD user with the given temporary password. */
export async function createTempUser(idp: CognitoIdentityProviderClient, poolId: string, username: string, temp: string, attrs: Record<string, string> = {}) {
  await idp.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, TemporaryPassword: temp, MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  }));
}

export const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret).update(username + clientId).digest('base64');

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** The PASSWORD_VERIFIER ChallengeResponses our client-side SRP math produces for a challenge. */
export function srpClaim(poolId: string, cp: Record<string, string>, eph: { a: bigint; A: string }, password: string, at = Date.now()) {
  const timestamp = formatTimestamp(at);
  const sig = clientSignature({
    poolName: poolId.split('_')[1]!, userId: cp.USER_ID_FOR_SRP!, password, a: eph.a, A: eph.A, B: cp.SRP_B!, salt: cp.SALT!,
    secretBlock: cp.SECRET_BLOCK!, timestamp,
  });
  return { USERNAME: cp.USER_ID_FOR_SRP!, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: sig, TIMESTAMP: timestamp };
}

/** Runs USER_SRP_AUTH with our client-side math; returns the challenge and a function answering it. */
export async function srpStart(idp: CognitoIdentityProviderClient, clientId: string, username: string, extra: Record<string, string> = {}) {
  const eph = clientA();
  const r = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: eph.A, ...extra } }));
  const cp = r.ChallengeParameters!;
  const answer = (poolId: string, password: string, opts: { timestamp?: number; responses?: Record<string, string> } = {}) =>
    idp.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: r.Session,
      ChallengeResponses: { ...srpClaim(poolId, cp, eph, password, opts.timestamp), ...(opts.responses ?? {}) },
    }));
  return { response: r, params: cp, answer };
}

/** The JSON payload of a JWT (no verification: the tokens tests do that). */
export const jwtPayload = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString('utf8'));
