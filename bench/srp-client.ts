/**
 * The client half of USER_SRP_AUTH for the bench, on the same SRP-6a math the server uses (src/auth/srp.ts),
 * which the auth tests check against amazon-cognito-identity-js. The client's fixed work — its ephemerals
 * (a, A = g^a) and g^x for each user — is precomputed before the timed run, so the run measures the server;
 * what is left per sign-in (one modexp for S, HKDF, HMAC) stays inside the measured time.
 */
import { randomBytes } from 'node:crypto';
import { N, g, k, modPow, hexToBig, computeU, computeX, deriveKey, claimSignature, formatTimestamp } from '../src/auth/srp.js';

export interface Ephemeral { a: bigint; A: string }

export function ephemerals(count: number): Ephemeral[] {
  return Array.from({ length: count }, () => {
    const a = BigInt('0x' + randomBytes(128).toString('hex'));
    return { a, A: modPow(g, a).toString(16) };
  });
}

const gx = new Map<string, { x: bigint; gx: bigint }>();

/** PASSWORD_CLAIM_SIGNATURE and TIMESTAMP for a PASSWORD_VERIFIER challenge. */
export function answer(p: { poolName: string; userId: string; password: string; e: Ephemeral; B: string; salt: string; secretBlock: string }) {
  const key = `${p.userId}\0${p.salt}`;
  let c = gx.get(key);
  if (!c) {
    const x = computeX(p.poolName, p.userId, p.password, p.salt);
    c = { x, gx: modPow(g, x) };
    gx.set(key, c);
  }
  const B = hexToBig(p.B);
  const u = computeU(hexToBig(p.e.A), B);
  let base = (B - k * c.gx) % N;
  if (base < 0n) base += N;
  const S = modPow(base, p.e.a + u * c.x);
  const timestamp = formatTimestamp(Date.now());
  return { signature: claimSignature(deriveKey(S, u), p.poolName, p.userId, p.secretBlock, timestamp), timestamp };
}
