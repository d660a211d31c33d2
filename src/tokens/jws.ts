/**
 * RS256 compact JWS for our own tokens, signed and verified synchronously with node:crypto KeyObjects. jose
 * goes through WebCrypto, which costs a promise and a thread-pool round trip per signature and per check; on
 * the sign-in and GetUser paths that overhead was a large share of the CPU. The checks match what jose's
 * jwtVerify did for us: RS256 only, no `crit`, JSON-object header and payload, a valid signature, `exp`, `iat`
 * and `sub` present, `exp` in the future, `nbf` (if any) reached, `iss` equal to the expected issuer. jose
 * stays for everything else (JWKS, thumbprints, other issuers' tokens). Never accepts a key of another type.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export class JwsExpired extends Error {}
export class JwsInvalid extends Error {}

const b64u = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** A private key from PKCS#8 PEM (as sealed in the store). */
export const privateKeyFromPkcs8 = (pem: string): KeyObject => createPrivateKey({ key: pem, format: 'pem' });

/** A public key from our published JWK. */
export const publicKeyFromJwk = (jwk: { kty: 'RSA'; n: string; e: string }): KeyObject =>
  createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });

/** `header.payload.signature` with the protected header `{kid, alg: RS256}`, as jose's SignJWT wrote it. */
export function signRs256(claims: Record<string, unknown>, kid: string, key: KeyObject): string {
  const input = `${b64u(JSON.stringify({ kid, alg: 'RS256' }))}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function jsonObject(segment: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new JwsInvalid('segment is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new JwsInvalid('segment is not a JSON object');
  return v as Record<string, unknown>;
}

/**
 * The verified payload of an RS256 token, or JwsExpired / JwsInvalid. `now` is epoch milliseconds; the
 * comparison is in whole seconds as jose does (a token is expired from its `exp` second on).
 */
export function verifyRs256(token: string, key: KeyObject, o: { issuer: string; now: number }): Record<string, unknown> {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') throw new JwsInvalid('not an RSA public key');
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwsInvalid('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(h);
  if (header.alg !== 'RS256' || header.crit !== undefined || header.b64 !== undefined) throw new JwsInvalid('header not allowed');
  const signature = Buffer.from(s, 'base64url');
  if (signature.length === 0 || !verify('sha256', Buffer.from(`${h}.${p}`), key, signature)) throw new JwsInvalid('signature');
  const payload = jsonObject(p);
  for (const c of ['exp', 'iat'] as const) if (typeof payload[c] !== 'number' || !Number.isFinite(payload[c])) throw new JwsInvalid(`${c} missing`);
  if (typeof payload.sub !== 'string') throw new JwsInvalid('sub missing');
  if (payload.iss !== o.issuer) throw new JwsInvalid('issuer');
  const now = Math.floor(o.now / 1000);
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) throw new JwsInvalid('nbf');
  if ((payload.exp as number) <= now) throw new JwsExpired('expired');
  return payload;
}
