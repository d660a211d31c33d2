/**
 * Which MFA step a sign-in gets, in Cognito's order: nothing when the pool's MFA is OFF (or OPTIONAL and the user
 * has no factor); the preferred factor when the user has one; the only factor when there is one; SELECT_MFA_TYPE
 * when several are enabled and none is preferred; with MFA ON and no factor, SMS_MFA to the user's phone when
 * the pool sends SMS codes and the user has a number, else MFA_SETUP. Pure: no I/O.
 */
import { mfaFactors } from '../user-pools/mfa-config.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { type MfaType, userMfa } from './settings.js';

export type MfaDecision =
  | { kind: 'none' }
  | { kind: 'challenge'; type: MfaType }
  | { kind: 'select'; options: MfaType[] }
  | { kind: 'setup'; options: MfaType[] };

/** The factors the pool offers, in Cognito's listing order. */
export function poolFactors(pool: UserPool): MfaType[] {
  const f = mfaFactors(pool);
  const out: MfaType[] = [];
  if (f.sms) out.push('SMS_MFA');
  if (f.softwareToken) out.push('SOFTWARE_TOKEN_MFA');
  if (f.email) out.push('EMAIL_OTP');
  return out;
}

/** The user's enabled factors that the pool still offers and the user can receive. */
export function usableFactors(pool: UserPool, user: UserRecord): MfaType[] {
  const offered = new Set(poolFactors(pool));
  const m = userMfa(user);
  return m.enabled.filter(
    (t) => offered.has(t) && (t !== 'SMS_MFA' || !!user.attributes.phone_number) && (t !== 'EMAIL_OTP' || !!user.attributes.email),
  );
}

export function chooseMfa(pool: UserPool, user: UserRecord): MfaDecision {
  const mode = mfaFactors(pool).mode;
  if (mode === 'OFF') return { kind: 'none' };
  const usable = usableFactors(pool, user);
  const preferred = userMfa(user).preferred;
  if (preferred && usable.includes(preferred)) return { kind: 'challenge', type: preferred };
  if (usable.length === 1) return { kind: 'challenge', type: usable[0]! };
  if (usable.length > 1) return { kind: 'select', options: usable };
  if (mode === 'OPTIONAL') return { kind: 'none' };
  const offered = poolFactors(pool);
  if (offered.includes('SMS_MFA') && user.attributes.phone_number) return { kind: 'challenge', type: 'SMS_MFA' };
  return { kind: 'setup', options: offered };
}
