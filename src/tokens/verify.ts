/**
 * Verifying a JWT that claims to be one of our pools' tokens: structure, `alg` allow-list (RS256 only), the
 * pool from the `iss` path, a live key of that pool for the token's use (an access token must be signed by the
 * pool's access key), signature, `exp` against svc.clock, `iss` equal to our issuer, `token_use`. It answers
 * with the verified payload or a reason; it never consults revocation or users (callers do).
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { JwsExpired, verifyRs256 } from './jws.js';
import { verificationKey, type KeyPurpose } from './keys.js';
import { issuerFor } from './claims.js';
import type { Services } from '../services.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}$/;
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

export type VerifyFailure = 'invalid' | 'expired';

export type Verified = { ok: true; poolId: string; payload: JWTPayload & Record<string, unknown> } | { ok: false; reason: VerifyFailure };

/** True when the text is shaped like a JWT with a JSON header (used to refuse JWTs where refresh tokens belong). */
export function looksLikeJwt(token: string): boolean {
  if (!JWT_SHAPE.test(token)) return false;
  try {
    const h = decodeProtectedHeader(token);
    return typeof h.alg === 'string';
  } catch {
    return false;
  }
}

/** The pool id an issuer of ours names, or undefined. */
export function poolIdFromIssuer(svc: Services, iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  const slash = iss.lastIndexOf('/');
  const poolId = iss.slice(slash + 1);
  if (!POOL_ID.test(poolId) || issuerFor(svc, poolId) !== iss) return undefined;
  return poolId;
}

export async function verifyPoolToken(svc: Services, token: string, use: KeyPurpose): Promise<Verified> {
  if (typeof token !== 'string' || token.length > 16_384 || !JWT_SHAPE.test(token)) return { ok: false, reason: 'invalid' };
  let kid: unknown;
  let poolId: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256' || typeof header.kid !== 'string') return { ok: false, reason: 'invalid' };
    kid = header.kid;
    poolId = poolIdFromIssuer(svc, decodeJwt(token).iss);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!poolId) return { ok: false, reason: 'invalid' };
  const key = await verificationKey(svc, poolId, kid as string);
  if (!key || key.purpose !== use) return { ok: false, reason: 'invalid' };
  try {
    // Synchronous RS256 check with the cached KeyObject (jws.ts), the same rules jose's jwtVerify applied.
    const payload = verifyRs256(token, key.publicKey, { issuer: issuerFor(svc, poolId), now: svc.clock.now() });
    if (payload.token_use !== use) return { ok: false, reason: 'invalid' };
    return { ok: true, poolId, payload: payload as JWTPayload & Record<string, unknown> };
  } catch (e) {
    if (e instanceof JwsExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
