/**
 * What the bench measures, written against Cognito's API only, so the same code drives Cognate and the peer:
 * provisioning (a pool, a public client, users with permanent passwords, their tokens) through the AWS SDK,
 * and one `Op` per workload sent as raw keep-alive HTTP (the SDK's own overhead would dominate the client).
 * A workload a server does not support is probed once and reported as such, with the error it gave.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateResourceServerCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { HttpTarget, type Op } from './load.js';
import { answer, ephemerals, type Ephemeral } from './srp-client.js';

export const WORKLOADS = ['password', 'srp', 'refresh', 'getuser', 'signup', 'jwks', 'client_credentials'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const LABEL: Record<WorkloadName, string> = {
  password: 'InitiateAuth USER_PASSWORD_AUTH',
  srp: 'USER_SRP_AUTH (InitiateAuth + RespondToAuthChallenge)',
  refresh: 'InitiateAuth REFRESH_TOKEN_AUTH',
  getuser: 'GetUser',
  signup: 'SignUp',
  jwks: 'GET /{poolId}/.well-known/jwks.json',
  client_credentials: 'POST /oauth2/token client_credentials',
};

/** The issue's targets (per second, 2-core machine). */
export const TARGET: Partial<Record<WorkloadName, number>> = {
  password: 200,
  srp: 400,
  refresh: 1500,
  getuser: 6000,
  signup: 150,
  client_credentials: 2000,
};

const PASSWORD = 'Bench-Passw0rd!';

export interface Fixture {
  poolId: string;
  clientId: string;
  users: { username: string; access?: string; refresh?: string }[];
  target: HttpTarget;
  url: string;
  creds: { accessKeyId: string; secretAccessKey: string };
}

async function parallel<T>(items: T[], n: number, f: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await f(items[i++]!);
  }));
}

export async function provision(url: string, creds: { accessKeyId: string; secretAccessKey: string }, users: number, connections: number): Promise<Fixture> {
  const sdk = new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  try {
    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: `bench-${randomBytes(3).toString('hex')}` }));
    const poolId = pool.UserPool!.Id!;
    const client = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'bench',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = client.UserPoolClient!.ClientId!;
    const list = Array.from({ length: users }, (_, i) => ({ username: `bench-user-${i}` }) as Fixture['users'][number]);
    await parallel(list, 4, async (u) => {
      await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u.username, MessageAction: 'SUPPRESS' }));
      await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: u.username, Password: PASSWORD, Permanent: true }));
    });
    const target = new HttpTarget(url, connections);
    await parallel(list, 4, async (u) => {
      try {
        const r = await target.call<{ AuthenticationResult?: { AccessToken?: string; RefreshToken?: string } }>('InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: u.username, PASSWORD },
        });
        u.access = r.AuthenticationResult?.AccessToken;
        u.refresh = r.AuthenticationResult?.RefreshToken;
      } catch {
        // The password workload's probe reports the reason; tokens stay absent.
      }
    });
    return { poolId, clientId, users: list, target, url, creds };
  } finally {
    sdk.destroy();
  }
}

const JSON_HEADERS = (op: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` });

async function machineClient(f: Fixture, runId: string): Promise<{ clientId: string; secret: string; scope: string } | { unsupported: string }> {
  const sdk = new CognitoIdentityProviderClient({ endpoint: f.url, region: 'us-east-1', credentials: f.creds, maxAttempts: 1 });
  const identifier = `https://bench-api-${runId}.example`;
  try {
    try {
      await sdk.send(new CreateResourceServerCommand({ UserPoolId: f.poolId, Identifier: identifier, Name: 'bench-api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'bench' }] }));
    } catch (e) {
      // Say what the token endpoint itself answers to the grant, too (cognito-local: no resource servers, and
      // its /oauth2/token knows only authorization_code and refresh_token).
      const probe = await f.target.request('POST', '/oauth2/token', { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials').catch((x: Error) => ({ status: 0, body: x.message }));
      return { unsupported: `CreateResourceServer fails (${(e as Error).name}: ${(e as Error).message.slice(0, 80)}); POST /oauth2/token grant_type=client_credentials answers ${probe.status} ${probe.body.slice(0, 100)}` };
    }
    const c = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: f.poolId,
        ClientName: `bench-m2m-${runId}`,
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: [`${identifier}/read`],
      }),
    );
    return { clientId: c.UserPoolClient!.ClientId!, secret: c.UserPoolClient!.ClientSecret!, scope: `${identifier}/read` };
  } finally {
    sdk.destroy();
  }
}

/** Builds the op for a workload, or says why the server cannot run it. */
export async function makeOp(name: WorkloadName, f: Fixture, runId: string): Promise<Op | { unsupported: string }> {
  const t = f.target;
  const user = (i: number) => f.users[i % f.users.length]!;
  const json = async (op: string, body: unknown) => {
    const r = await t.request('POST', '/', JSON_HEADERS(op), JSON.stringify(body));
    if (r.status !== 200) throw new Error(`${op}: HTTP ${r.status} ${r.body.slice(0, 160)}`);
    return r.body;
  };
  let op: Op;
  switch (name) {
    case 'password':
      op = async (i) => {
        await json('InitiateAuth', { ClientId: f.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user(i).username, PASSWORD } });
      };
      break;
    case 'srp': {
      const poolName = f.poolId.split('_')[1]!;
      const eph: Ephemeral[] = ephemerals(256);
      op = async (i) => {
        const u = user(i);
        const e = eph[i % eph.length]!;
        const first = JSON.parse(await json('InitiateAuth', { ClientId: f.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: u.username, SRP_A: e.A } })) as {
          ChallengeName?: string; Session?: string; ChallengeParameters?: Record<string, string>;
        };
        const p = first.ChallengeParameters ?? {};
        if (first.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error(`expected PASSWORD_VERIFIER, got ${first.ChallengeName}`);
        const userId = p.USER_ID_FOR_SRP ?? u.username;
        const a = answer({ poolName, userId, password: PASSWORD, e, B: p.SRP_B!, salt: p.SALT!, secretBlock: p.SECRET_BLOCK! });
        const second = JSON.parse(
          await json('RespondToAuthChallenge', {
            ClientId: f.clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            Session: first.Session,
            ChallengeResponses: { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: a.signature, TIMESTAMP: a.timestamp },
          }),
        ) as { AuthenticationResult?: unknown };
        if (!second.AuthenticationResult) throw new Error('SRP: no tokens after PASSWORD_VERIFIER');
      };
      // Warm the per-user g^x cache so the timed run measures the server.
      for (let i = 0; i < f.users.length; i++) await op(i).catch(() => undefined);
      break;
    }
    case 'refresh':
      if (!f.users[0]?.refresh) return { unsupported: 'no refresh token from USER_PASSWORD_AUTH' };
      op = async (i) => {
        await json('InitiateAuth', { ClientId: f.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: user(i).refresh } });
      };
      break;
    case 'getuser':
      if (!f.users[0]?.access) return { unsupported: 'no access token from USER_PASSWORD_AUTH' };
      op = async (i) => {
        await json('GetUser', { AccessToken: user(i).access });
      };
      break;
    case 'signup':
      op = async (i) => {
        await json('SignUp', { ClientId: f.clientId, Username: `su-${runId}-${i}`, Password: PASSWORD });
      };
      break;
    case 'jwks': {
      const path = `/${f.poolId}/.well-known/jwks.json`;
      op = async () => {
        const r = await t.request('GET', path, {});
        if (r.status !== 200 || !r.body.includes('"keys"')) throw new Error(`JWKS: HTTP ${r.status} ${r.body.slice(0, 160)}`);
      };
      break;
    }
    case 'client_credentials': {
      // A resource server with one custom scope and a confidential client allowed only that scope, as a
      // machine-to-machine app has; the client authenticates with client_secret_basic on every request.
      const m2m = await machineClient(f, runId);
      if ('unsupported' in m2m) return m2m;
      const basic = `Basic ${Buffer.from(`${encodeURIComponent(m2m.clientId)}:${encodeURIComponent(m2m.secret)}`).toString('base64')}`;
      const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: basic };
      const body = `grant_type=client_credentials&scope=${encodeURIComponent(m2m.scope)}`;
      op = async () => {
        const r = await t.request('POST', '/oauth2/token', headers, body);
        if (r.status !== 200 || !r.body.includes('"access_token"')) throw new Error(`/oauth2/token: HTTP ${r.status} ${r.body.slice(0, 160)}`);
      };
      break;
    }
  }
  try {
    await op(1_000_000);
  } catch (e) {
    return { unsupported: (e as Error).message.slice(0, 200) };
  }
  return op;
}
