/**
 * A small external OpenID Connect provider for the error paths a well-behaved IdP (a second Cognate pool) never
 * takes: an ID token for another audience, a wrong nonce, an error redirect. It speaks discovery, JWKS, an
 * authorize endpoint that answers at once, and a token endpoint that insists on client_secret_post and the
 * PKCE verifier (so the test also proves Cognate sends them). It is the external party, not Cognate.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export type FakeMode = 'ok' | 'wrong-aud' | 'wrong-nonce' | 'error' | 'form-post' | 'form-post-error';

export interface FakeIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  mode: FakeMode;
  /** The identity the next sign-in returns. */
  sub: string;
  email: string;
  /** What the token endpoint saw: the PKCE verifier matched the challenge of /authorize. */
  pkceChecked: number;
  close(): Promise<void>;
}

export async function startFakeIdp(): Promise<FakeIdp> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string }>();
  const idp: FakeIdp = { issuer: '', clientId: 'fake-client', clientSecret: 'fake-secret', mode: 'ok', sub: 'fake-sub-1', email: 'fake@example.com', pkceChecked: 0, close: async () => {} };

  const sign = (key: CryptoKey, claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'fake-1' }).setIssuedAt().setExpirationTime('5m').setIssuer(idp.issuer).sign(key);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', idp.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/authorize`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        response_types_supported: ['code'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const back = new URL(url.searchParams.get('redirect_uri')!);
      const params = new URLSearchParams({ state: url.searchParams.get('state') ?? '' });
      if (idp.mode === 'error' || idp.mode === 'form-post-error') {
        params.set('error', 'access_denied');
        params.set('error_description', 'The user said no');
      } else {
        const code = randomBytes(16).toString('hex');
        codes.set(code, { nonce: url.searchParams.get('nonce') ?? '', challenge: url.searchParams.get('code_challenge') ?? '' });
        params.set('code', code);
      }
      if (idp.mode === 'form-post' || idp.mode === 'form-post-error') {
        // OAuth 2.0 Form Post Response Mode: a page whose form the browser posts to the redirect URI.
        const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
        const inputs = [...params].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${esc(back.toString())}">${inputs}</form></body></html>`);
      }
      for (const [k, v] of params) back.searchParams.set(k, v);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const issued = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!issued || form.get('client_id') !== idp.clientId || form.get('client_secret') !== idp.clientSecret) return json(400, { error: 'invalid_grant' });
          const verifier = form.get('code_verifier') ?? '';
          if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return json(400, { error: 'invalid_grant' });
          idp.pkceChecked++;
          const idToken = await sign(privateKey, {
            sub: idp.sub,
            aud: idp.mode === 'wrong-aud' ? 'someone-else' : idp.clientId,
            nonce: idp.mode === 'wrong-nonce' ? 'not-the-nonce' : issued.nonce,
            email: idp.email,
          });
          json(200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: idToken });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return idp;
}
