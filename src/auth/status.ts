/**
 * Whether a user may sign in at all, checked before the password as Cognito does (an unconfirmed user gets
 * UserNotConfirmedException even with a wrong password). These are not password failures and never count
 * towards lockout.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../user-pools/types.js';

export function assertCanSignIn(svc: Services, user: UserRecord): void {
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  switch (user.status) {
    case 'UNCONFIRMED':
      throw errors.userNotConfirmed('User is not confirmed.');
    case 'RESET_REQUIRED':
      throw errors.passwordResetRequired('Password reset required for the user');
    case 'FORCE_CHANGE_PASSWORD':
      if (user.tempPasswordExpiresAt !== null && user.tempPasswordExpiresAt <= svc.clock.now()) {
        throw errors.notAuthorized('Temporary password has expired and must be reset by an administrator.');
      }
      return;
    case 'EXTERNAL_PROVIDER':
      // Federated users have no password here; answer exactly like a wrong one.
      throw errors.notAuthorized('Incorrect username or password.');
    default:
      return;
  }
}
