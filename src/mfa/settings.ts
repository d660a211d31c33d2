/**
 * A user's own MFA settings (stored in the user row's `mfa` JSON): which factors are enabled and which one is
 * preferred, changed by SetUserMFAPreference / AdminSetUserMFAPreference and the legacy (Admin)SetUserSettings
 * MFAOptions, and shown as UserMFASettingList / PreferredMfaSetting / MFAOptions by GetUser and AdminGetUser.
 * It never decides what a sign-in asks for (src/mfa/choose.ts does) and never holds a TOTP seed.
 */
import { ServiceError, errors } from '../errors.js';
import type { Services } from '../services.js';
import { usersRepo } from '../store/users-repo.js';
import { mfaRepo } from '../store/mfa-repo.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';

export const MFA_TYPES = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
export type MfaType = (typeof MFA_TYPES)[number];

export interface UserMfa {
  enabled: MfaType[];
  preferred?: MfaType;
  /** Legacy SMS opt-in through (Admin)SetUserSettings. */
  MFAOptions?: { DeliveryMedium: string; AttributeName: string }[];
}

/** The stored settings, tolerant of anything older code left in the column. */
export function userMfa(user: UserRecord): UserMfa {
  const m = user.mfa as Record<string, unknown>;
  const enabled = Array.isArray(m.enabled) ? (m.enabled.filter((x) => (MFA_TYPES as readonly string[]).includes(x as string)) as MfaType[]) : [];
  const preferred = typeof m.preferred === 'string' && enabled.includes(m.preferred as MfaType) ? (m.preferred as MfaType) : undefined;
  const MFAOptions = Array.isArray(m.MFAOptions) ? (m.MFAOptions as UserMfa['MFAOptions']) : undefined;
  return { enabled, ...(preferred ? { preferred } : {}), ...(MFAOptions?.length ? { MFAOptions } : {}) };
}

/** The wire name of a factor in UserMFASettingList / PreferredMfaSetting. */
const settingName = (t: MfaType) => t;

/** GetUser / AdminGetUser members. */
export function mfaView(user: UserRecord): Record<string, unknown> {
  const m = userMfa(user);
  const out: Record<string, unknown> = {};
  if (m.MFAOptions?.length) out.MFAOptions = m.MFAOptions;
  if (m.preferred) out.PreferredMfaSetting = settingName(m.preferred);
  if (m.enabled.length) out.UserMFASettingList = m.enabled.map(settingName);
  return out;
}

export async function saveUserMfa(svc: Services, user: UserRecord, m: UserMfa): Promise<void> {
  const value: UserMfa = { enabled: [...new Set(m.enabled)], ...(m.preferred ? { preferred: m.preferred } : {}), ...(m.MFAOptions?.length ? { MFAOptions: m.MFAOptions } : {}) };
  await usersRepo.update(svc.db, user.poolId, user.usernameKey, { mfa: JSON.stringify(value), updated_at: svc.clock.now() });
}

export interface FactorSetting { Enabled?: boolean; PreferredMfa?: boolean }
export interface PreferenceInput {
  SMSMfaSettings?: FactorSetting;
  SoftwareTokenMfaSettings?: FactorSetting;
  EmailMfaSettings?: FactorSetting;
}

/** Whether the user has a verified TOTP authenticator. */
export async function hasVerifiedTotp(svc: Services, user: UserRecord): Promise<boolean> {
  const row = await mfaRepo.get(svc.db, user.poolId, user.sub);
  return !!row?.secret_enc;
}

/**
 * SetUserMFAPreference: each factor given is turned on or off; PreferredMfa makes it the preferred one (a factor
 * must be enabled to be preferred). TOTP needs a verified authenticator, SMS a phone number, e-mail an address.
 */
export async function setMfaPreference(svc: Services, pool: UserPool, user: UserRecord, input: PreferenceInput): Promise<void> {
  const m = userMfa(user);
  const enabled = new Set(m.enabled);
  let preferred = m.preferred;
  const apply = async (type: MfaType, s: FactorSetting | undefined) => {
    if (!s) return;
    if (s.PreferredMfa === true && s.Enabled === false) throw errors.invalidParameter(`${type} cannot be preferred while it is being disabled.`);
    const on = s.Enabled ?? (s.PreferredMfa === true ? true : enabled.has(type));
    if (on && !enabled.has(type)) await assertCanEnable(svc, pool, user, type);
    if (on) enabled.add(type);
    else enabled.delete(type);
    if (s.PreferredMfa === true) preferred = type;
    else if ((s.PreferredMfa === false || !on) && preferred === type) preferred = undefined;
  };
  await apply('SMS_MFA', input.SMSMfaSettings);
  await apply('SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings);
  await apply('EMAIL_OTP', input.EmailMfaSettings);
  // The legacy SMS opt-in follows the SMS factor.
  const MFAOptions = enabled.has('SMS_MFA') ? m.MFAOptions : undefined;
  await saveUserMfa(svc, user, { enabled: [...enabled], preferred: preferred && enabled.has(preferred) ? preferred : undefined, MFAOptions });
}

async function assertCanEnable(svc: Services, pool: UserPool, user: UserRecord, type: MfaType): Promise<void> {
  if (type === 'SOFTWARE_TOKEN_MFA' && !(await hasVerifiedTotp(svc, user))) {
    throw errors.invalidParameter('User has not verified software token mfa');
  }
  if (type === 'SMS_MFA' && !user.attributes.phone_number) throw errors.invalidParameter('User does not have a phone number to use for SMS MFA.');
  if (type === 'EMAIL_OTP') {
    if (!user.attributes.email) throw errors.invalidParameter('User does not have an email address to use for email MFA.');
    if (!pool.config.EmailMfaConfiguration) {
      throw errors.invalidParameter('Email MFA is not enabled for this user pool; turn it on with SetUserPoolMfaConfig EmailMfaConfiguration.');
    }
  }
}

/** Legacy (Admin)SetUserSettings: an SMS entry in MFAOptions turns SMS MFA on, an empty list turns it off. */
export async function setUserSettings(svc: Services, user: UserRecord, options: { DeliveryMedium?: string; AttributeName?: string }[]): Promise<void> {
  const m = userMfa(user);
  const sms = options.find((o) => o.DeliveryMedium === 'SMS');
  if (options.some((o) => o.DeliveryMedium !== undefined && o.DeliveryMedium !== 'SMS')) {
    throw errors.invalidParameter('MFAOptions only supports DeliveryMedium SMS; use SetUserMFAPreference for other factors.');
  }
  const enabled = new Set(m.enabled);
  if (sms) {
    if (!user.attributes.phone_number) throw errors.invalidParameter('User does not have a phone number to use for SMS MFA.');
    enabled.add('SMS_MFA');
  } else enabled.delete('SMS_MFA');
  await saveUserMfa(svc, user, {
    enabled: [...enabled],
    preferred: m.preferred && enabled.has(m.preferred) ? m.preferred : undefined,
    MFAOptions: sms ? [{ DeliveryMedium: 'SMS', AttributeName: sms.AttributeName ?? 'phone_number' }] : undefined,
  });
}

/** Cognito's MFA errors that src/errors.ts does not carry. */
export const mfaErrors = {
  enableSoftwareToken: (m: string) => new ServiceError('EnableSoftwareTokenMFAException', m),
  softwareTokenNotFound: (m: string) => new ServiceError('SoftwareTokenMFANotFoundException', m),
  methodNotFound: (m: string) => new ServiceError('MFAMethodNotFoundException', m),
};
