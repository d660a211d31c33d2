/**
 * OAuth test setup: a server whose public URL is https://idp.cognate.test (so discovery is checked with the
 * https URLs a deployment publishes), and openid-client configured to reach it by rewriting that origin to the
 * test socket. Pools, clients and resource servers are made through the real admin API.
 */
import * as oidc from 'openid-client';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateResourceServerCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  InitiateAuthCommand, type CognitoIdentityProviderClient, type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, type TestDialect, type TestServer } from '../helpers/server.js';

export const PUBLIC_URL = 'https://idp.cognate.test';
export const PASSWORD = 'Correct-Horse-9';
export const CALLBACK = 'https://app.example.com/callback';

export const startOAuthServer = (d: TestDialect) => startTestServer(d, { env: { COGNATE_PUBLIC_URL: PUBLIC_URL } });

/** fetch that sends requests for the public origin to the test server. */
export const rewriteFetch = (s: TestServer): oidc.CustomFetch => (url, options) =>
  fetch(url.startsWith(PUBLIC_URL) ? s.url + url.slice(PUBLIC_URL.length) : url, options as RequestInit);

/** fetch on a public URL (or a path under it). */
export const publicFetch = (s: TestServer, path: string, init?: RequestInit) =>
  fetch(path.startsWith(PUBLIC_URL) ? s.url + path.slice(PUBLIC_URL.length) : `${s.url}${path}`, init);

/** An openid-client relying party for a client of the pool, via discovery. */
export async function relyingParty(s: TestServer, poolId: string, clientId: string, auth: oidc.ClientAuth, secret?: string): Promise<oidc.Configuration> {
  const config = await oidc.discovery(new URL(`${PUBLIC_URL}/${poolId}`), clientId, secret, auth, {
    [oidc.customFetch]: rewriteFetch(s),
  } as oidc.DiscoveryRequestOptions);
  config[oidc.customFetch] = rewriteFetch(s);
  return config;
}

export async function createPool(idp: CognitoIdentityProviderClient): Promise<string> {
  const r = await idp.send(new CreateUserPoolCommand({ PoolName: `oauth-${Math.random().toString(36).slice(2, 8)}` }));
  return r.UserPool!.Id!;
}

export async function createClient(idp: CognitoIdentityProviderClient, poolId: string, input: Partial<CreateUserPoolClientCommandInput> = {}) {
  const r = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ...input }));
  return { id: r.UserPoolClient!.ClientId!, secret: r.UserPoolClient!.ClientSecret };
}

/** A machine-to-machine client of a resource server `api` with scopes read and write. */
export async function m2mSetup(idp: CognitoIdentityProviderClient, poolId: string) {
  await idp.send(new CreateResourceServerCommand({
    UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'api',
    Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }, { ScopeName: 'write', ScopeDescription: 'write' }, { ScopeName: 'admin', ScopeDescription: 'admin' }],
  }));
  return createClient(idp, poolId, {
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['https://api.example.com/read', 'https://api.example.com/write'],
  });
}

export async function createUser(idp: CognitoIdentityProviderClient, poolId: string, username: string, attrs: Record<string, string> = {}) {
  await idp.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  }));
  await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

export async function passwordSignIn(idp: CognitoIdentityProviderClient, clientId: string, username: string) {
  const r = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD } }));
  return r.AuthenticationResult!;
}

/** A form POST to an endpoint under the public URL; returns status, headers and parsed JSON (or text). */
export async function formPost(s: TestServer, path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await publicFetch(s, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body };
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const jwtClaims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;

/** A browser without JavaScript for the hosted pages: keeps cookies, follows nothing by itself. */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly s: TestServer) {}
  /** GET (a public URL is sent to the test server). */
  async get(url: string) {
    return this.send(url, { method: 'GET' });
  }
  async post(url: string, fields: Record<string, string>) {
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
  private async send(url: string, init: RequestInit) {
    const target = url.startsWith('/') ? `${this.s.url}${url}` : url.startsWith(PUBLIC_URL) ? this.s.url + url.slice(PUBLIC_URL.length) : url;
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      if (pair!.slice(i + 1) === '' || /max-age=0/i.test(c)) this.jar.delete(pair!.slice(0, i));
      else this.jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text() };
  }
  /**
   * Opens an authorization URL and signs in on the login form; returns where the server finally redirects
   * (the app's callback, with a code or an error).
   */
  async authorize(url: URL | string, username?: string): Promise<{ status: number; location?: string; html: string }> {
    let a = await this.get(String(url));
    for (let i = 0; i < 10 && a.location && !a.location.startsWith(CALLBACK); i++) a = await this.get(a.location);
    if (a.location?.startsWith(CALLBACK) || username === undefined || a.status !== 200) return a;
    const form = /<form[^>]*id="login"[^>]*>|<form[^>]*action="[^"]*"[^>]*id="login"[^>]*>/.exec(a.html)?.[0] ?? '';
    const action = /action="([^"]+)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(a.html)?.[1] ?? '';
    if (!action) throw new Error(`no login form: ${a.html.slice(0, 300)}`);
    return this.post(action, { _csrf: csrf, username, password: PASSWORD });
  }
}
