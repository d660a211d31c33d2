/**
 * SRP salt + verifier at rest. A leaked verifier is only one SHA-256 away from an offline dictionary attack,
 * so it is always sealed under the master key and bound (AAD) to its pool and user row: a sealed value copied
 * to another user does not open. Nothing here may store or log the plain verifier.
 */
import type { Services } from '../services.js';

export interface SrpVerifier {
  /** hex */
  readonly salt: string;
  /** hex */
  readonly verifier: string;
}

const context = (poolId: string, usernameKey: string) => `srp:${poolId}:${usernameKey}`;

export function sealSrp(svc: Services, poolId: string, usernameKey: string, v: SrpVerifier): string {
  return svc.box.seal(JSON.stringify({ salt: v.salt, verifier: v.verifier }), context(poolId, usernameKey));
}

/** The verifier, or undefined when the value does not open (wrong row, wrong master key, corrupt). */
export function openSrp(svc: Services, poolId: string, usernameKey: string, sealed: string): SrpVerifier | undefined {
  try {
    const o = JSON.parse(svc.box.open(sealed, context(poolId, usernameKey))) as Partial<SrpVerifier>;
    if (typeof o.salt !== 'string' || typeof o.verifier !== 'string') return undefined;
    return { salt: o.salt, verifier: o.verifier };
  } catch {
    return undefined;
  }
}
