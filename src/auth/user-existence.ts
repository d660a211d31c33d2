/**
 * Decoys that keep unknown users indistinguishable from known ones when a client has
 * PreventUserExistenceErrors ENABLED: a password check against a fixed argon2id hash (same cost as a real
 * check), and for SRP a salt derived from the name under a server secret, so that repeated challenges for the
 * same unknown name look as stable as a real user's. The secret lives sealed in the database so every node
 * answers alike. Nothing here may ever succeed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { perServices, type Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { usesUsernameAttributes } from '../users/aliases.js';
import { metaRepo } from '../store/access-keys.js';
import { hashPassword, verifyPassword } from '../users/passwords.js';
import { errors } from '../errors.js';
import type { AuthContext } from './context.js';
import { hidesUserExistence } from './flows.js';
import { checkAttempts, recordFailure, unknownUserKey } from './lockout.js';
import { padHex } from './srp.js';

const META_KEY = 'auth.decoy-key';

const decoyKeys = new WeakMap<Services, Promise<Buffer>>();

/** The per-deployment decoy secret, created once in the database; a failed load is retried on the next call. */
function decoyKey(svc: Services): Promise<Buffer> {
  let p = decoyKeys.get(svc);
  if (!p) {
    p = (async () => {
      const sealed = await metaRepo.setOnce(svc.db, META_KEY, svc.box.seal(randomBytes(32).toString('base64'), META_KEY));
      return Buffer.from(svc.box.open(sealed, META_KEY), 'base64');
    })();
    decoyKeys.set(svc, p);
    p.catch(() => decoyKeys.delete(svc));
  }
  return p;
}

const dummyHash = perServices(() => hashPassword(randomBytes(24).toString('base64')));

/** Burns the time of one password verification; always false. */
export async function dummyPasswordCheck(svc: Services, password: string): Promise<false> {
  await verifyPassword(await dummyHash(svc), password).catch(() => false);
  return false;
}

/**
 * Stable fake SRP salt (hex), verifier-sized number and USER_ID_FOR_SRP for a name that matches no user. In
 * pools where users sign in with email/phone the real USER_ID_FOR_SRP is the `sub`, so the decoy is a stable
 * UUID-shaped value there too.
 */
export async function decoySrp(svc: Services, pool: UserPool, username: string): Promise<{ salt: string; verifier: string; userId: string }> {
  const poolId = pool.id;
  const key = await decoyKey(svc);
  const mac = (label: string, len: number) => {
    const out: Buffer[] = [];
    for (let i = 0; out.length * 32 < len; i++) out.push(createHmac('sha256', key).update(`${label}:${i}:${poolId}:${username}`).digest());
    return Buffer.concat(out).subarray(0, len);
  };
  const salt = padHex(BigInt('0x' + mac('salt', 16).toString('hex')));
  const verifier = padHex(BigInt('0x' + mac('verifier', 383).toString('hex')));
  const u = mac('sub', 16).toString('hex');
  const sub = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20, 32)}`;
  return { salt, verifier, userId: usesUsernameAttributes(pool) ? sub : username };
}

/**
 * For a name that matches no user: with PreventUserExistenceErrors off, UserNotFoundException (the failure still
 * counts against the caller's address); with it on, checks and returns the name's own lockout key so the decoy
 * that follows locks out exactly like a real account. A throttled address is refused either way.
 */
export async function unknownUser(ctx: AuthContext, username: string): Promise<string> {
  const key = unknownUserKey(ctx.pool.id, username);
  if (!hidesUserExistence(ctx.client)) {
    await checkAttempts(ctx.svc, undefined, ctx.sourceIp);
    await recordFailure(ctx.svc, key, ctx.sourceIp);
    throw errors.userNotFound('User does not exist.');
  }
  await checkAttempts(ctx.svc, key, ctx.sourceIp);
  return key;
}
