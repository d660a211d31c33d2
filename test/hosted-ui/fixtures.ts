/**
 * Hosted-UI test fixtures: a pool with a domain, an OAuth app client and a confirmed user, all made through the
 * real admin API; and a tiny cookie-keeping HTTP agent (fetch with manual redirects) that walks the pages the
 * way a browser without JavaScript does, reading the CSRF field from the served form.
 */
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, CreateUserPoolDomainCommand,
  type CreateUserPoolClientCommandInput, type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TestServer } from '../helpers/server.js';

export const PASSWORD = 'Correct-Horse-9';
export const CALLBACK = 'https://app.example.com/callback';
export const LOGOUT = 'https://app.example.com/signed-out';

let n = 0;
export interface HostedPool { poolId: string; clientId: string; clientSecret?: string; domain: string }

export async function hostedPool(
  s: TestServer,
  opts: { pool?: Partial<CreateUserPoolCommandInput>; client?: Partial<CreateUserPoolClientCommandInput> } = {},
): Promise<HostedPool> {
  const pool = await s.idp.send(
    new CreateUserPoolCommand({ PoolName: `hosted-${++n}`, AutoVerifiedAttributes: ['email'], ...opts.pool }),
  );
  const poolId = pool.UserPool!.Id!;
  const client = await s.idp.send(new CreateUserPoolClientCommand(clientInput(poolId, opts.client)));
  const domain = `app-${n}-${Math.random().toString(36).slice(2, 8)}`;
  await s.idp.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  return { poolId, clientId: client.UserPoolClient!.ClientId!, clientSecret: client.UserPoolClient!.ClientSecret, domain };
}

export function clientInput(poolId: string, extra: Partial<CreateUserPoolClientCommandInput> = {}): CreateUserPoolClientCommandInput {
  return {
    UserPoolId: poolId,
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code', 'implicit'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: [LOGOUT],
    SupportedIdentityProviders: ['COGNITO'],
    ...extra,
  };
}

export async function confirmedUser(s: TestServer, poolId: string, username: string, email = `${username}@example.com`): Promise<void> {
  await s.idp.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
    }),
  );
  await s.idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

export function authorizeUrl(base: string, clientId: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 'st-1', ...extra });
  return `${base}/oauth2/authorize?${q}`;
}

export interface Answer { status: number; location?: string; html: string; headers: Headers }

/** A browser without JavaScript: keeps cookies per host, follows nothing by itself. */
export class Agent {
  readonly jar = new Map<string, string>();
  async get(url: string): Promise<Answer> {
    return this.send(url, { method: 'GET' });
  }
  async post(url: string, fields: Record<string, string>): Promise<Answer> {
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
  /** Follows same-server redirects (never the app's callback) and returns the last answer. */
  async follow(first: Answer, origin: string): Promise<Answer> {
    let a = first;
    for (let i = 0; i < 10 && a.location && !a.location.startsWith(CALLBACK) && (a.location.startsWith('/') || a.location.startsWith(origin)); i++) {
      a = await this.get(a.location.startsWith('/') ? `${origin}${a.location}` : a.location);
    }
    return a;
  }
  private async send(url: string, init: RequestInit): Promise<Answer> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text(), headers: res.headers };
  }
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The action of the form with this id, made absolute against the origin. */
export function actionOf(html: string, id: string, origin: string): string {
  const m = new RegExp(`<form[^>]*action="([^"]+)"[^>]*id="${id}"`).exec(html) ?? new RegExp(`<form[^>]*id="${id}"[^>]*action="([^"]+)"`).exec(html);
  if (!m) throw new Error(`no form #${id} in the page`);
  return origin + m[1]!.replace(/&amp;/g, '&');
}

/** Signs in through /oauth2/authorize → /login and returns the callback URL the server redirected to. */
export async function signIn(agent: Agent, origin: string, clientId: string, username: string, password = PASSWORD, extra: Record<string, string> = {}): Promise<URL> {
  const login = await agent.follow(await agent.get(authorizeUrl(origin, clientId, extra)), origin);
  if (login.status !== 200) throw new Error(`login page answered ${login.status}: ${login.html.slice(0, 300)}`);
  const done = await agent.post(actionOf(login.html, 'login', origin), { _csrf: csrfOf(login.html), username, password });
  if (!done.location?.startsWith(CALLBACK)) throw new Error(`sign-in did not reach the callback (${done.status} ${done.location}): ${done.html.slice(0, 500)}`);
  return new URL(done.location.replace('#', '?'));
}
