/**
 * SRP-6a exactly as Cognito's clients compute it (amazon-cognito-identity-js, Amplify, the AWS SDK helpers):
 * 3072-bit RFC 5054 group, g = 2, SHA-256, Java-style `padHex` of every big number before hashing, the
 * "Caldera Derived Key" HKDF and the PASSWORD_CLAIM_SIGNATURE over poolName ‖ userId ‖ secretBlock ‖ timestamp.
 * Used with (poolName = pool.srpName, userId = canonical username) for passwords and with
 * (DeviceGroupKey, DeviceKey) for remembered devices.
 *
 * Modular exponentiation goes through one reused node:crypto Diffie-Hellman object over N (setPrivateKey(e) +
 * computeSecret(base) = base^e mod N), which is several times faster than BigInt. This module must never build a
 * DH object with another generator (that costs ~1 s) and never log or return the server secret `b`
 * outside the state the caller keeps server-side.
 */
import { createDiffieHellman, createHash, createHmac, randomBytes, timingSafeEqual, type DiffieHellman } from 'node:crypto';

export const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

const N_BYTES = 384;
const N_BUF = Buffer.from(N_HEX, 'hex');
export const N = BigInt('0x' + N_HEX);
export const g = 2n;

// ---------------------------------------------------------------- encodings

/** Hex (any case, leading zeros allowed) → non-negative bigint; rejects anything else. */
export function hexToBig(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error('not a hex number');
  return BigInt('0x' + hex);
}

/** Lower-case hex without leading zeros (how clients print SRP_A / SRP_B). */
export function bigToHex(n: bigint): string {
  return n.toString(16);
}

/** Java BigInteger.toByteArray() as hex: even length, `00` prefix when the top bit is set. */
export function padHex(n: bigint): string {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  if (/^[89a-f]/.test(h)) h = '00' + h;
  return h;
}

const padBuf = (n: bigint) => Buffer.from(padHex(n), 'hex');

function toFixed(n: bigint, len = N_BYTES): Buffer {
  const h = n.toString(16).padStart(len * 2, '0');
  return Buffer.from(h, 'hex');
}

const sha256 = (...parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const bufToBig = (b: Buffer) => (b.length === 0 ? 0n : BigInt('0x' + b.toString('hex')));

// ---------------------------------------------------------------- modexp

let dh: DiffieHellman | undefined;

/** base^exp mod N. */
export function modPow(base: bigint, exp: bigint): bigint {
  base %= N;
  if (base < 0n) base += N;
  if (exp === 0n) return 1n;
  // OpenSSL refuses peer values ≤ 1 or ≥ N−1; those are trivial anyway.
  if (base <= 1n) return base;
  if (base === N - 1n) return exp % 2n === 0n ? 1n : base;
  dh ??= createDiffieHellman(N_BUF, Buffer.from([2]));
  let e = exp.toString(16);
  if (e.length % 2) e = '0' + e;
  dh.setPrivateKey(Buffer.from(e, 'hex'));
  return bufToBig(dh.computeSecret(toFixed(base)));
}

// ---------------------------------------------------------------- shared values

/** k = H(padHex(N) ‖ padHex(g)) — Cognito's variant, not RFC 5054's PAD(g). */
export const k = bufToBig(sha256(padBuf(N), padBuf(g)));

/** x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). */
export function computeX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return bufToBig(sha256(padBuf(hexToBig(saltHex)), inner));
}

/** u = H(padHex(A) ‖ padHex(B)). */
export function computeU(A: bigint, B: bigint): bigint {
  return bufToBig(sha256(padBuf(A), padBuf(B)));
}

/** The 16-byte session key: HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key"). */
export function deriveKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', padBuf(u)).update(padBuf(S)).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE = base64(HMAC(K, poolName ‖ userId ‖ base64decode(secretBlock) ‖ timestamp)). */
export function claimSignature(key: Buffer, poolName: string, userId: string, secretBlock: string, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

// ---------------------------------------------------------------- verifier (password set time)

/** A fresh 16-byte salt and v = g^x mod N, both hex, for poolName = pool.srpName and the canonical username. */
export function computeVerifier(srpName: string, username: string, password: string, saltHex?: string): { salt: string; verifier: string } {
  const salt = saltHex ?? padHex(bufToBig(randomBytes(16)));
  const x = computeX(srpName, username, password, salt);
  return { salt, verifier: padHex(modPow(g, x)) };
}

// ---------------------------------------------------------------- server side

export interface ServerEphemeral {
  /** server secret, hex — keep server-side only */
  b: string;
  /** B = (k·v + g^b) mod N, hex without padding (as SRP_B) */
  B: string;
}

/** Picks b (256 random bits) and computes B for the verifier (hex). */
export function serverB(verifierHex: string): ServerEphemeral {
  const v = hexToBig(verifierHex);
  for (;;) {
    const b = bufToBig(randomBytes(32));
    if (b === 0n) continue;
    const B = (k * v + modPow(g, b)) % N;
    if (B === 0n) continue;
    return { b: b.toString(16), B: bigToHex(B) };
  }
}

/** Whether a client's SRP_A is acceptable: a hex number with A mod N ≠ 0, at most N's size. */
export function validA(AHex: string): boolean {
  if (typeof AHex !== 'string' || AHex.length === 0 || AHex.length > 2 * N_BYTES + 2) return false;
  if (!/^[0-9a-fA-F]+$/.test(AHex)) return false;
  return hexToBig(AHex) % N !== 0n;
}

export interface ClaimInput {
  poolName: string;
  userId: string;
  verifier: string;
  b: string;
  B: string;
  A: string;
  secretBlock: string;
  timestamp: string;
  signature: string;
}

/** The session key the server derives: S = (A · v^u)^b mod N. Throws on a degenerate A or u. */
export function serverKey(AHex: string, BHex: string, bHex: string, verifierHex: string): Buffer {
  if (!validA(AHex)) throw new Error('bad SRP_A');
  const A = hexToBig(AHex);
  const B = hexToBig(BHex);
  const u = computeU(A, B);
  if (u === 0n) throw new Error('u is zero');
  const v = hexToBig(verifierHex);
  const S = modPow((A * modPow(v, u)) % N, hexToBig(bHex));
  return deriveKey(S, u);
}

/** Constant-time check of a PASSWORD_CLAIM_SIGNATURE; false on any malformed input. */
export function verifyClaim(c: ClaimInput): boolean {
  let expected: Buffer;
  try {
    const key = serverKey(c.A, c.B, c.b, c.verifier);
    expected = Buffer.from(claimSignature(key, c.poolName, c.userId, c.secretBlock, c.timestamp), 'base64');
  } catch {
    return false;
  }
  const given = Buffer.from(typeof c.signature === 'string' ? c.signature : '', 'base64');
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}

// ---------------------------------------------------------------- client side (tests, tools)

export interface ClientEphemeral {
  a: bigint;
  A: string;
}

/** A client's a (128 random bytes, like amazon-cognito-identity-js) and A = g^a mod N as hex. */
export function clientA(): ClientEphemeral {
  const a = bufToBig(randomBytes(128));
  return { a, A: bigToHex(modPow(g, a)) };
}

/** What a client sends as PASSWORD_CLAIM_SIGNATURE for a PASSWORD_VERIFIER challenge. */
export function clientSignature(p: {
  poolName: string; userId: string; password: string; a: bigint; A: string; B: string; salt: string; secretBlock: string; timestamp: string;
}): string {
  const A = hexToBig(p.A);
  const B = hexToBig(p.B);
  const u = computeU(A, B);
  const x = computeX(p.poolName, p.userId, p.password, p.salt);
  let base = (B - k * modPow(g, x)) % N;
  if (base < 0n) base += N;
  const S = modPow(base, p.a + u * x);
  return claimSignature(deriveKey(S, u), p.poolName, p.userId, p.secretBlock, p.timestamp);
}

// ---------------------------------------------------------------- TIMESTAMP

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `EEE MMM d HH:mm:ss UTC yyyy`, as the clients format it. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Parses a client TIMESTAMP (day may or may not be zero-padded); undefined when malformed. */
export function parseTimestamp(ts: string): number | undefined {
  const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(
    typeof ts === 'string' ? ts : '',
  );
  if (!m) return undefined;
  const [, , mon, day, hh, mm, ss, yyyy] = m;
  const ms = Date.UTC(Number(yyyy), MONTHS.indexOf(mon!), Number(day), Number(hh), Number(mm), Number(ss));
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  return ms;
}
