/**
 * The pool's MFA settings (SetUserPoolMfaConfig / GetUserPoolMfaConfig) and the one reading of them the auth
 * area needs: which factors are on. Factors are a full set per call — a factor left out of
 * SetUserPoolMfaConfig is turned off — while an omitted MfaConfiguration keeps the pool's current mode.
 * ON or OPTIONAL with no factor, and OFF with a factor, are refused with Cognito's messages.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool, UserPoolConfig } from './types.js';
import { getPool } from './pools.js';
import { mutatePoolConfig } from './pool-admin.js';

export interface MfaInput {
  MfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  SmsMfaConfiguration?: { SmsAuthenticationMessage?: string; SmsConfiguration?: Record<string, unknown> };
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
  EmailMfaConfiguration?: { Message?: string; Subject?: string };
  WebAuthnConfiguration?: { RelyingPartyId?: string; UserVerification?: 'required' | 'preferred'; FactorConfiguration?: string };
}

export interface MfaFactors {
  readonly mode: 'OFF' | 'ON' | 'OPTIONAL';
  readonly sms: boolean;
  readonly softwareToken: boolean;
  readonly email: boolean;
}

/** Which MFA factors the pool offers (all false when the mode is OFF). */
export function mfaFactors(pool: UserPool): MfaFactors {
  const c = pool.config;
  const mode = (c.MfaConfiguration ?? 'OFF') as MfaFactors['mode'];
  const on = mode !== 'OFF';
  return { mode, sms: on && !!c.SmsMfaConfiguration, softwareToken: on && !!c.SoftwareTokenMfaConfiguration?.Enabled, email: on && !!c.EmailMfaConfiguration };
}

/** GetUserPoolMfaConfig's shape from a stored config. */
export function mfaConfigOf(config: UserPoolConfig) {
  const out: Record<string, unknown> = {
    MfaConfiguration: config.MfaConfiguration ?? 'OFF',
    SoftwareTokenMfaConfiguration: { Enabled: !!config.SoftwareTokenMfaConfiguration?.Enabled },
    WebAuthnConfiguration: config.WebAuthnConfiguration ?? { UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR' },
  };
  if (config.SmsMfaConfiguration) out.SmsMfaConfiguration = config.SmsMfaConfiguration;
  if (config.EmailMfaConfiguration) out.EmailMfaConfiguration = config.EmailMfaConfiguration;
  return out;
}

export const getMfaConfig = async (svc: Services, poolId: string) => mfaConfigOf((await getPool(svc, poolId)).config);

export async function setMfaConfig(svc: Services, poolId: string, input: MfaInput) {
  const sms = input.SmsMfaConfiguration;
  if (sms?.SmsAuthenticationMessage !== undefined && !sms.SmsAuthenticationMessage.includes('{####}')) {
    throw errors.invalidParameter('SmsMfaConfiguration.SmsAuthenticationMessage must contain the placeholder {####}.');
  }
  if (input.EmailMfaConfiguration?.Message !== undefined && !input.EmailMfaConfiguration.Message.includes('{####}')) {
    throw errors.invalidParameter('EmailMfaConfiguration.Message must contain the placeholder {####}.');
  }
  const config = await mutatePoolConfig(svc, poolId, (pool) => {
    const next: Record<string, any> = { ...pool.config };
    const mode = input.MfaConfiguration ?? pool.config.MfaConfiguration ?? 'OFF';
    delete next.SmsMfaConfiguration;
    delete next.EmailMfaConfiguration;
    if (sms) {
      const smsConfiguration = sms.SmsConfiguration ?? pool.config.SmsConfiguration;
      if (!smsConfiguration) throw errors.invalidParameter('SmsMfaConfiguration needs an SmsConfiguration (in the request or on the pool).');
      next.SmsMfaConfiguration = { ...(sms.SmsAuthenticationMessage ? { SmsAuthenticationMessage: sms.SmsAuthenticationMessage } : {}), SmsConfiguration: smsConfiguration };
      next.SmsConfiguration = smsConfiguration;
      if (sms.SmsAuthenticationMessage) next.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    }
    if (input.EmailMfaConfiguration) next.EmailMfaConfiguration = { ...input.EmailMfaConfiguration };
    next.SoftwareTokenMfaConfiguration = { Enabled: input.SoftwareTokenMfaConfiguration?.Enabled ?? false };
    if (input.WebAuthnConfiguration) next.WebAuthnConfiguration = { UserVerification: 'preferred', FactorConfiguration: 'SINGLE_FACTOR', ...input.WebAuthnConfiguration };
    next.MfaConfiguration = mode;
    const anyFactor = !!next.SmsMfaConfiguration || next.SoftwareTokenMfaConfiguration.Enabled || !!next.EmailMfaConfiguration;
    if (mode !== 'OFF' && !anyFactor) throw errors.invalidParameter("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.");
    // WebAuthn is not an MFA factor, so it may be configured with MFA off.
    if (mode === 'OFF' && anyFactor) throw errors.invalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
    return next as UserPoolConfig;
  });
  return mfaConfigOf(config);
}
