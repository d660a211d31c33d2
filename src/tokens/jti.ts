/**
 * Token ids. A `jti` is a UUID version 7: random like Cognito's v4 ids to every client (they only read it as
 * a string), but it carries the millisecond it was minted. GlobalSignOut compares that instant, not the
 * whole-second `iat`, with the user's "tokens valid after" mark, so a token minted in the same second just
 * before a sign-out is refused while one from a sign-in just after it is accepted.
 */
import { randomBytes } from 'node:crypto';

export function newJti(nowMs: number): string {
  const b = randomBytes(16);
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The mint instant (epoch ms) of a v7 jti, or undefined for any other id. */
export function jtiTime(jti: unknown): number | undefined {
  if (typeof jti !== 'string') return undefined;
  const m = V7.exec(jti);
  return m ? parseInt(m[1]! + m[2]!, 16) : undefined;
}

/** When a token was minted, in epoch ms: from its v7 jti, else from its whole-second iat. */
export function mintedAtMs(payload: { jti?: unknown; iat?: unknown }): number {
  const t = jtiTime(payload.jti);
  if (t !== undefined) return t;
  return typeof payload.iat === 'number' ? payload.iat * 1000 : 0;
}
