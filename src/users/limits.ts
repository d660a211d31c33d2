/**
 * Per-user rate limits of the user operations (Cognito's hourly quotas: resends, confirmations, password
 * changes, verification codes). Exceeding one raises LimitExceededException with Cognito's message.
 */
import type { Services } from '../services.js';
import { userLimitsRepo } from '../store/user-limits-repo.js';
import { attemptLimit } from '../messages/codes.js';

const HOUR = 3_600_000;

export const LIMITS = {
  resendConfirmationCode: 5,
  confirmSignUp: 15,
  forgotPassword: 5,
  confirmForgotPassword: 15,
  changePassword: 5,
  getUserAttributeVerificationCode: 5,
  verifyUserAttribute: 15,
} as const;

export async function enforceUserLimit(svc: Services, action: keyof typeof LIMITS, poolId: string, usernameKey: string): Promise<void> {
  const n = await userLimitsRepo.hit(svc.db, `${action}:${poolId}:${usernameKey}`, svc.clock.now(), HOUR);
  if (n > LIMITS[action]) throw attemptLimit();
}
