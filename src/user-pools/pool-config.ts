/**
 * Turns CreateUserPool / UpdateUserPool input into the stored UserPoolType, with Cognito's defaults and the
 * rules that span members (alias xor username attributes, message placeholders, validity days, recovery
 * options). UpdateUserPool replaces every mutable member — an omitted one goes back to its default — while the
 * immutable ones (Schema, UsernameAttributes, AliasAttributes, UsernameConfiguration) and whatever other modules
 * keep in the config (MFA factor settings, domains) survive. Pure: no store, no clock.
 */
import { errors } from '../errors.js';
import type { UserPoolConfig } from './types.js';
import type { PoolInput } from './shapes.js';
import { buildSchema } from './schema-attributes.js';

/** Members UpdateUserPool rewrites (everything else in the stored config is kept). */
export const MUTABLE_POOL_MEMBERS = [
  'Policies', 'DeletionProtection', 'LambdaConfig', 'AutoVerifiedAttributes', 'SmsVerificationMessage', 'EmailVerificationMessage',
  'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage', 'UserAttributeUpdateSettings',
  'MfaConfiguration', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration', 'AdminCreateUserConfig', 'UserPoolAddOns',
  'DcrConfiguration', 'AccountRecoverySetting', 'UserPoolTier', 'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
] as const;

/**
 * Config members kept by SetUserPoolMfaConfig that are not UserPoolType members; DescribeUserPool leaves them out.
 * Readers: `pool.config.SoftwareTokenMfaConfiguration?.Enabled`, `pool.config.EmailMfaConfiguration`,
 * `pool.config.WebAuthnConfiguration`.
 */
export const INTERNAL_POOL_MEMBERS = ['SmsMfaConfiguration', 'SoftwareTokenMfaConfiguration', 'EmailMfaConfiguration', 'WebAuthnConfiguration'] as const;

/** SMS MFA follows the pool's SmsConfiguration: present (with the SMS MFA message) when one is configured. */
function smsMfa(input: PoolInput) {
  return input.SmsConfiguration ? defined({ SmsAuthenticationMessage: input.SmsAuthenticationMessage, SmsConfiguration: input.SmsConfiguration }) : undefined;
}

/** MFA ON/OPTIONAL needs a factor: SMS from the request, or TOTP/email enabled earlier with SetUserPoolMfaConfig. */
export function checkMfaFactors(mode: string | undefined, config: Record<string, any>): void {
  if (mode !== 'ON' && mode !== 'OPTIONAL') return;
  if (config.SmsMfaConfiguration || config.SoftwareTokenMfaConfiguration?.Enabled || config.EmailMfaConfiguration) return;
  // Cognito's words; TOTP-only pools enable the factor with SetUserPoolMfaConfig after creating the pool with MFA off.
  throw errors.invalidParameter('SMS configuration and Auto verification for phone_number are required when MFA is required/optional');
}

const CODE = '{####}';
const uniq = <T>(xs: readonly T[] | undefined) => (xs ? [...new Set(xs)] : undefined);
const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function requireCode(member: string, text: string | undefined, placeholder = CODE): void {
  if (text !== undefined && !text.includes(placeholder)) throw errors.invalidParameter(`${member} must contain the placeholder ${placeholder}.`);
}

function verificationMessages(input: PoolInput) {
  const t = input.VerificationMessageTemplate ?? {};
  requireCode('SmsVerificationMessage', input.SmsVerificationMessage);
  requireCode('EmailVerificationMessage', input.EmailVerificationMessage);
  requireCode('SmsAuthenticationMessage', input.SmsAuthenticationMessage);
  requireCode('VerificationMessageTemplate.SmsMessage', t.SmsMessage);
  requireCode('VerificationMessageTemplate.EmailMessage', t.EmailMessage);
  if (t.EmailMessageByLink !== undefined && !/\{##[\s\S]*##\}/.test(t.EmailMessageByLink)) {
    throw errors.invalidParameter('VerificationMessageTemplate.EmailMessageByLink must contain a link placeholder {##Click here##}.');
  }
  const template = defined({
    SmsMessage: t.SmsMessage ?? input.SmsVerificationMessage,
    EmailMessage: t.EmailMessage ?? input.EmailVerificationMessage,
    EmailSubject: t.EmailSubject ?? input.EmailVerificationSubject,
    EmailMessageByLink: t.EmailMessageByLink,
    EmailSubjectByLink: t.EmailSubjectByLink,
    DefaultEmailOption: t.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
  });
  return defined({
    SmsVerificationMessage: input.SmsVerificationMessage ?? t.SmsMessage,
    EmailVerificationMessage: input.EmailVerificationMessage ?? t.EmailMessage,
    EmailVerificationSubject: input.EmailVerificationSubject ?? t.EmailSubject,
    VerificationMessageTemplate: template,
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
  });
}

function policies(input: PoolInput) {
  const p = input.Policies?.PasswordPolicy;
  const acu = input.AdminCreateUserConfig;
  if (p?.TemporaryPasswordValidityDays && acu?.UnusedAccountValidityDays && p.TemporaryPasswordValidityDays !== acu.UnusedAccountValidityDays) {
    throw errors.invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  }
  const days = p?.TemporaryPasswordValidityDays || acu?.UnusedAccountValidityDays || 7;
  const passwordPolicy = p
    ? defined({
        MinimumLength: p.MinimumLength ?? 8,
        RequireUppercase: p.RequireUppercase ?? false,
        RequireLowercase: p.RequireLowercase ?? false,
        RequireNumbers: p.RequireNumbers ?? false,
        RequireSymbols: p.RequireSymbols ?? false,
        PasswordHistorySize: p.PasswordHistorySize,
        TemporaryPasswordValidityDays: days,
      })
    : { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: days };
  const factors = uniq(input.Policies?.SignInPolicy?.AllowedFirstAuthFactors) ?? ['PASSWORD'];
  if (!factors.includes('PASSWORD')) throw errors.invalidParameter('Policies.SignInPolicy.AllowedFirstAuthFactors must include PASSWORD.');
  const invite = acu?.InviteMessageTemplate;
  for (const [member, text] of [['SMSMessage', invite?.SMSMessage], ['EmailMessage', invite?.EmailMessage]] as const) {
    requireCode(`AdminCreateUserConfig.InviteMessageTemplate.${member}`, text);
    requireCode(`AdminCreateUserConfig.InviteMessageTemplate.${member}`, text, '{username}');
  }
  return {
    Policies: { PasswordPolicy: passwordPolicy, SignInPolicy: { AllowedFirstAuthFactors: factors } },
    AdminCreateUserConfig: defined({ AllowAdminCreateUserOnly: acu?.AllowAdminCreateUserOnly ?? false, UnusedAccountValidityDays: days, InviteMessageTemplate: invite }),
  };
}

function recovery(input: PoolInput) {
  const mechanisms = input.AccountRecoverySetting?.RecoveryMechanisms;
  if (!mechanisms) return input.AccountRecoverySetting ? { AccountRecoverySetting: {} } : {};
  const names = new Set(mechanisms.map((m) => m.Name));
  const priorities = new Set(mechanisms.map((m) => m.Priority));
  if (names.size !== mechanisms.length || priorities.size !== mechanisms.length) {
    throw errors.invalidParameter('AccountRecoverySetting.RecoveryMechanisms must have distinct names and priorities.');
  }
  if (names.has('admin_only') && mechanisms.length > 1) throw errors.invalidParameter('admin_only cannot be combined with other recovery mechanisms.');
  return { AccountRecoverySetting: { RecoveryMechanisms: [...mechanisms].sort((a, b) => a.Priority - b.Priority) } };
}

/** The mutable members with defaults applied (the part UpdateUserPool replaces). */
export function mutableMembers(input: PoolInput): Record<string, unknown> {
  const auto = uniq(input.AutoVerifiedAttributes);
  const requireVerification = uniq(input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate) ?? [];
  if (requireVerification.some((a) => !auto?.includes(a))) {
    throw errors.invalidParameter('All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes');
  }
  return defined({
    ...policies(input),
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: input.LambdaConfig ?? {},
    AutoVerifiedAttributes: auto,
    ...verificationMessages(input),
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: requireVerification },
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: { ...(input.EmailConfiguration ?? {}), EmailSendingAccount: input.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT' },
    SmsConfiguration: input.SmsConfiguration,
    UserPoolAddOns: input.UserPoolAddOns,
    DcrConfiguration: input.DcrConfiguration,
    ...recovery(input),
    UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
    KeyConfiguration: input.KeyConfiguration,
    IssuerConfiguration: input.IssuerConfiguration,
    AcrConfiguration: input.AcrConfiguration,
  });
}

export interface PoolIdentity { Id: string; Name: string; Arn: string; now: number }

/** The stored config of a new pool. */
export function newPoolConfig(input: PoolInput, who: PoolIdentity): UserPoolConfig {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw errors.invalidParameter('Only one of AliasAttributes or UsernameAttributes can be set in a user pool.');
  }
  const at = who.now / 1000;
  const config = defined({
    Id: who.Id,
    Name: who.Name,
    Arn: who.Arn,
    CreationDate: at,
    LastModifiedDate: at,
    ...mutableMembers(input),
    SchemaAttributes: buildSchema(input.Schema),
    AliasAttributes: uniq(input.AliasAttributes),
    UsernameAttributes: uniq(input.UsernameAttributes),
    UsernameConfiguration: input.UsernameConfiguration ?? { CaseSensitive: true },
    SmsMfaConfiguration: smsMfa(input),
  }) as UserPoolConfig;
  checkMfaFactors(input.MfaConfiguration, config);
  return config;
}

/** The stored config after UpdateUserPool: mutable members replaced, the rest kept. */
export function updatedPoolConfig(old: UserPoolConfig, input: PoolInput & { PoolName?: string }, now: number): UserPoolConfig {
  const kept: Record<string, unknown> = { ...old };
  for (const k of MUTABLE_POOL_MEMBERS) delete kept[k];
  delete kept.SmsMfaConfiguration;
  const sms = smsMfa(input);
  const config = { ...kept, ...mutableMembers(input), ...(sms ? { SmsMfaConfiguration: sms } : {}), Name: input.PoolName ?? old.Name, LastModifiedDate: now / 1000 };
  checkMfaFactors(input.MfaConfiguration, config);
  return config as unknown as UserPoolConfig;
}

/** The config as DescribeUserPool shows it (internal members left out). */
export function describedConfig(config: UserPoolConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const k of INTERNAL_POOL_MEMBERS) delete out[k];
  return out;
}
