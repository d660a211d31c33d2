/**
 * Throttling of password guessing, shared by every node through the database.
 *
 * Per user: the 5th consecutive failure locks the account for 1 s and each further one doubles the lock, up
 * to 15 min (Cognito's "Password attempts exceeded"); a success clears it. A stranger can therefore only slow
 * an account down, never lock it for long. Per source address: after 100 failures within 5 minutes further
 * attempts get TooManyRequestsException, which bounds how fast one address can spray guesses over many accounts.
 * Status errors (unconfirmed, disabled…) are not failures. This module never decides whether a password is
 * right; it only counts.
 */
import { randomInt } from 'node:crypto';
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { attemptsRepo } from '../store/attempts-repo.js';

export const FREE_FAILURES = 5;
export const MAX_LOCK_MS = 15 * 60_000;
export const IP_WINDOW_MS = 5 * 60_000;
export const IP_MAX_FAILURES = 100;
/** A user's failures count for a day from the first one; then the counter starts over. */
const USER_COUNTER_WINDOW_MS = 24 * 3600_000;

export const userKey = (poolId: string, usernameKey: string) => `signin:${poolId}:${usernameKey}`;
/** Key for a name that matches no user, so unknown users lock out like known ones when existence is hidden. */
export const unknownUserKey = (poolId: string, username: string) => `signin:${poolId}:?${username.toLowerCase()}`;
const ipKey = (ip: string) => `signin-ip:${ip}`;

export function lockMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const exp = failures - FREE_FAILURES;
  return exp >= 20 ? MAX_LOCK_MS : Math.min(1000 * 2 ** exp, MAX_LOCK_MS);
}

/**
 * One read for both counters of a sign-in attempt: TooManyRequestsException when the address has failed too
 * often recently, NotAuthorizedException "Password attempts exceeded" while the user (`key`, if given) is
 * locked. Returns whether the user has failures on record, so that a success only writes when there is
 * something to clear.
 */
export async function checkAttempts(svc: Services, key: string | undefined, ip: string | undefined): Promise<boolean> {
  const keys = [key, ip === undefined ? undefined : ipKey(ip)].filter((k): k is string => k !== undefined);
  if (keys.length === 0) return false;
  const rows = await attemptsRepo.getMany(svc.db, keys);
  const now = svc.clock.now();
  const byAddress = ip === undefined ? undefined : rows.find((r) => r.key === ipKey(ip));
  if (byAddress && byAddress.window_start >= now - IP_WINDOW_MS && byAddress.count >= IP_MAX_FAILURES) {
    throw errors.tooManyRequests('Rate exceeded');
  }
  const byUser = key === undefined ? undefined : rows.find((r) => r.key === key);
  if (byUser && byUser.locked_until > now) throw errors.notAuthorized('Password attempts exceeded');
  return byUser !== undefined;
}

export async function recordFailure(svc: Services, key: string, ip: string | undefined): Promise<void> {
  const now = svc.clock.now();
  const row = await attemptsRepo.increment(svc.db, key, now, now - USER_COUNTER_WINDOW_MS);
  const lock = lockMs(row.count);
  if (lock > 0) await attemptsRepo.lockUntil(svc.db, key, now + lock);
  if (ip) await attemptsRepo.increment(svc.db, ipKey(ip), now, now - IP_WINDOW_MS);
  // Counters of names that never signed in and of addresses accumulate; sweep now and then, not every time.
  if (randomInt(200) === 0) await attemptsRepo.deleteStale(svc.db, now - USER_COUNTER_WINDOW_MS, now);
}

/** Clears the user's consecutive failures (`hadFailures` from checkAttempts). */
export async function recordSuccess(svc: Services, key: string, hadFailures: boolean): Promise<void> {
  if (hadFailures) await attemptsRepo.reset(svc.db, key);
}
