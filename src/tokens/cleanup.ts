/**
 * Opportunistic cleanup of token rows nobody can use any more: expired refresh tokens, revoked origins whose
 * tokens have all expired, and old authorization codes. Runs in the background at most every few minutes per
 * node, a bounded batch at a time, and only ever deletes rows past their expiry; a failure is logged and
 * retried next time.
 */
import { refreshTokensRepo } from '../store/refresh-tokens-repo.js';
import { revocationsRepo } from '../store/revocations-repo.js';
import { oauthCodesRepo } from '../store/oauth-codes-repo.js';
import { perServices, type Services } from '../services.js';

const EVERY_MS = 5 * 60_000;
/** Keep expired refresh tokens a while so their owners get "has expired" rather than "invalid". */
const KEEP_EXPIRED_MS = 7 * 86_400_000;
/** Spent authorization codes are kept a day past expiry so a late replay still revokes what they issued. */
const KEEP_CODES_MS = 86_400_000;

const stateOf = perServices(() => ({ last: 0, running: false }));

/** Deletes one batch of dead rows of each kind; returns how many went. */
export async function cleanupExpiredTokens(svc: Services): Promise<{ refreshTokens: number; revokedOrigins: number }> {
  const now = svc.clock.now();
  const refreshTokens = await refreshTokensRepo.deleteExpired(svc.db, now - KEEP_EXPIRED_MS);
  const revokedOrigins = await revocationsRepo.deleteExpired(svc.db, now);
  await oauthCodesRepo.deleteExpired(svc.db, now - KEEP_CODES_MS);
  return { refreshTokens, revokedOrigins };
}

/** Starts a cleanup in the background if none ran on this node recently. Never throws, never awaits. */
export function maybeCleanup(svc: Services): void {
  const st = stateOf(svc);
  const now = svc.clock.now();
  if (st.running || now - st.last < EVERY_MS) return;
  st.running = true;
  st.last = now;
  cleanupExpiredTokens(svc)
    .then((n) => {
      if (n.refreshTokens || n.revokedOrigins) svc.log.debug(n, 'deleted expired token rows');
    })
    .catch((err: unknown) => svc.log.warn({ err }, 'token cleanup failed; will retry later'))
    .finally(() => {
      st.running = false;
    });
}
