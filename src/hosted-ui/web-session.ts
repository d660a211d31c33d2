/**
 * The browser side of the hosted UI: the single-sign-on session (one per pool and browser) and CSRF tokens.
 * A session cookie holds 256 random bits; the store keeps only their SHA-256 with the user and sign-in time,
 * so a stolen database opens no session and logout (or GlobalSignOut, via tokensValidAfter) ends it on every
 * node. A CSRF token is the browser's random `csrf` cookie sealed under the master key (AES-GCM, so it cannot
 * be forged) and is accepted only together with that cookie. Never log a cookie value.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sha256Hex } from '../crypto/random.js';
import type { Services } from '../services.js';
import { hostedUiSessionsRepo } from '../store/hosted-ui-repo.js';
import { userByKey } from '../users/lookup.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';

/** Cognito's hosted-UI session lasts one hour. */
export const SESSION_TTL_MS = 60 * 60_000;

/** Per-pool name: pools share a host on the API listener, and one pool's sign-in must not sign in another's. */
export const sessionCookieName = (poolId: string) => `cognito-${poolId}`;
export const CSRF_COOKIE = 'cognate-csrf';

export async function startWebSession(svc: Services, pool: UserPool, user: UserRecord, authTimeMs: number): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  const now = svc.clock.now();
  await hostedUiSessionsRepo.insert(svc.db, {
    id: sha256Hex(`hosted-ui:${secret}`),
    pool_id: pool.id,
    username_key: user.usernameKey,
    auth_time: authTimeMs,
    expires_at: now + SESSION_TTL_MS,
    created_at: now,
  });
  if (randomInt(100) === 0) await hostedUiSessionsRepo.deleteExpired(svc.db, now);
  return secret;
}

export interface WebSession {
  readonly id: string;
  readonly user: UserRecord;
  /** Epoch ms of the sign-in. */
  readonly authTime: number;
}

/** The live session a cookie names, for this pool; undefined when unknown, expired, signed out or disabled. */
export async function readWebSession(svc: Services, pool: UserPool, cookie: string | undefined): Promise<WebSession | undefined> {
  if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;
  const id = sha256Hex(`hosted-ui:${cookie}`);
  const row = await hostedUiSessionsRepo.get(svc.db, id);
  if (!row || row.pool_id !== pool.id || row.expires_at <= svc.clock.now()) return undefined;
  const user = await userByKey(svc, pool.id, row.username_key);
  // GlobalSignOut / AdminUserGlobalSignOut move tokensValidAfter: a session from before it is over too.
  if (!user || !user.enabled || user.tokensValidAfter > row.created_at || (user.status !== 'CONFIRMED' && user.status !== 'EXTERNAL_PROVIDER')) return undefined;
  return { id, user, authTime: row.auth_time };
}

export async function endWebSession(svc: Services, cookie: string | undefined): Promise<void> {
  if (cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie)) await hostedUiSessionsRepo.delete(svc.db, sha256Hex(`hosted-ui:${cookie}`));
}

export const newCsrfCookie = () => randomBytes(24).toString('base64url');

export const csrfToken = (svc: Services, cookie: string) => svc.box.seal(cookie, 'hosted-ui-csrf');

/** True when the form's token was minted for this browser's csrf cookie. */
export function csrfValid(svc: Services, cookie: string | undefined, token: string | undefined): boolean {
  if (!cookie || !token || token.length > 200) return false;
  try {
    return svc.box.open(token, 'hosted-ui-csrf') === cookie;
  } catch {
    return false;
  }
}
