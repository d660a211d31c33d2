/**
 * Pools, clients, groups and outbox reading for the user-lifecycle tests, all through the real admin API and
 * the development outbox route over the socket.
 */
import {
  CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, 
  type CreateUserPoolClientCommandInput, type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { ADMIN, type TestServer } from '../helpers/server.js';

export const PASSWORD = 'Correct-Horse-9';

let n = 0;
export async function createPool(s: TestServer, input: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
  const r = await admin(s).send(new CreateUserPoolCommand({ PoolName: `users-${++n}-${Math.random().toString(36).slice(2, 6)}`, ...input }));
  return r.UserPool!.Id!;
}

export async function createClient(s: TestServer, poolId: string, input: Partial<CreateUserPoolClientCommandInput> = {}) {
  const r = await admin(s).send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...input }));
  return { id: r.UserPoolClient!.ClientId!, secret: r.UserPoolClient!.ClientSecret };
}

export async function createGroup(s: TestServer, poolId: string, name: string, precedence?: number) {
  await admin(s).send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, Precedence: precedence }));
}

export const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret).update(username + clientId).digest('base64');

export const attrs = (o: Record<string, string>) => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));
export const attrMap = (list: { Name?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.Name!, a.Value!]));

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e: any) {
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

export interface OutboxMessage { poolId: string; username: string; medium: string; destination: string; subject?: string; body: string; code?: string; createdAt: string }

export async function outbox(url: string, poolId: string, username?: string): Promise<OutboxMessage[]> {
  const q = new URLSearchParams({ poolId, ...(username ? { username } : {}) });
  const res = await fetch(`${url}/_dev/outbox?${q}`);
  if (res.status !== 200) throw new Error(`outbox answered ${res.status}`);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest code sent to a user (by username or destination). */
export async function lastCode(url: string, poolId: string, username: string): Promise<string> {
  const m = (await outbox(url, poolId, username))[0];
  if (!m?.code) throw new Error(`no code in the outbox for ${username}`);
  return m.code;
}

/** Moves the server clock; `admin(s)` then signs with the same offset (SigV4 allows ±5 min). */
export function advance(s: TestServer, ms: number): void {
  s.clock.advance(ms);
}

/**
 * The admin SDK client for the server's current clock. The SDK resets its clock offset from each response's
 * real Date header, so a moved clock needs a fresh client per call.
 */
export function admin(s: TestServer): CognitoIdentityProviderClient {
  if (s.clock.offset === 0) return s.idp;
  return new CognitoIdentityProviderClient({ endpoint: s.url, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1, systemClockOffset: s.clock.offset });
}
