/**
 * Identifiers and secrets in Cognito's formats, from the CSPRNG only. Nothing here may use Math.random.
 */
import { randomBytes, randomInt, timingSafeEqual, createHash, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const ids = {
  userPool: (region: string) => `${region}_${randomString(ALNUM, 9)}`,
  client: () => randomString(LOWER_ALNUM, 26),
  clientSecret: () => randomString(LOWER_ALNUM, 51),
  accessKeyId: () => `AKIA${randomString(UPPER_ALNUM, 16)}`,
  secretAccessKey: () => randomBytes(30).toString('base64').replace(/[+/]/g, (c) => (c === '+' ? 'A' : 'B')),
  uuid: () => randomUUID(),
  code: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
  opaque: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

/** Constant-time string equality (the length of the strings is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest();
export const sha256Hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
export const sha256B64u = (s: string | Buffer) => createHash('sha256').update(s).digest('base64url');
