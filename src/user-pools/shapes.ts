/**
 * Zod shapes of the control-plane members (UserPoolType, UserPoolClientType, GroupType inputs) with the model's
 * constraints, worded the way Cognito words them. One source for two readers: the API handlers (lenient about
 * unknown members, as AWS JSON services are) and the declarative setup in cognate.yaml (strict, so a typo in
 * a key fails start naming the path). Domain rules that need more than one member live in pool-config.ts and
 * client-config.ts, never here.
 */
import { z } from 'zod';

export const str = (min: number, max: number, pattern?: RegExp) => {
  let s = z
    .string({ invalid_type_error: 'Member must be a string' })
    .min(min, `Member must have length greater than or equal to ${min}`)
    .max(max, `Member must have length less than or equal to ${max}`);
  if (pattern) s = s.regex(pattern, `Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '')}`);
  return s;
};

export const int = (min: number, max: number) =>
  z
    .number({ invalid_type_error: 'Member must be a number' })
    .int('Member must be an integer')
    .min(min, `Member must have value greater than or equal to ${min}`)
    .max(max, `Member must have value less than or equal to ${max}`);

export const enumOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { errorMap: () => ({ message: `Member must satisfy enum value set: [${values.join(', ')}]` }) });

export const bool = () => z.boolean({ invalid_type_error: 'Member must be a boolean' });
const list = <T extends z.ZodTypeAny>(item: T, max = 1000) => z.array(item).max(max, `Member must have length less than or equal to ${max}`);

export const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
export const CLIENT_ID = /^[\w+]+$/;
export const POOL_NAME = /^[\w\s+=,.@-]+$/;
export const CLIENT_NAME = /^[\w\s+=,.@-]+$/;
export const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
export const ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]*:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
export const CUSTOM_ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

export const userPoolId = () => str(1, 55, USER_POOL_ID);
export const clientId = () => str(1, 128, CLIENT_ID);

const SIGN_IN_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'SOFTWARE_TOKEN'] as const;
export const EXPLICIT_AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH',
] as const;
const TIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;

/** Builds every shape either lenient (API: unknown members ignored) or strict (config file: unknown keys refused). */
export function controlPlaneShapes(strict: boolean) {
  const obj = <S extends z.ZodRawShape>(shape: S) => (strict ? z.object(shape).strict() : z.object(shape));
  /** Members whose shape is new or vendor-specific: kept as given. */
  const opaque = () => z.record(z.unknown());
  const lambdaVersioned = <V extends string>(versions: readonly [V, ...V[]]) => obj({ LambdaVersion: enumOf(versions), LambdaArn: str(20, 2048) });
  const trigger = () => str(1, 2048);

  const passwordPolicy = obj({
    MinimumLength: int(6, 99).optional(),
    RequireUppercase: bool().optional(),
    RequireLowercase: bool().optional(),
    RequireNumbers: bool().optional(),
    RequireSymbols: bool().optional(),
    PasswordHistorySize: int(0, 24).optional(),
    TemporaryPasswordValidityDays: int(0, 365).optional(),
  });
  const schemaAttribute = obj({
    Name: str(1, 20, CUSTOM_ATTRIBUTE_NAME),
    AttributeDataType: enumOf(['String', 'Number', 'DateTime', 'Boolean']).optional(),
    DeveloperOnlyAttribute: bool().optional(),
    Mutable: bool().optional(),
    Required: bool().optional(),
    NumberAttributeConstraints: obj({ MinValue: z.string().optional(), MaxValue: z.string().optional() }).optional(),
    StringAttributeConstraints: obj({ MinLength: z.string().optional(), MaxLength: z.string().optional() }).optional(),
  });
  const smsConfiguration = obj({
    SnsCallerArn: str(20, 2048),
    ExternalId: z.string().optional(),
    SnsRegion: str(5, 32).optional(),
    EumsSms: opaque().optional(),
  });
  const tags = z
    .record(str(1, 128), str(0, 256))
    .refine((t) => Object.keys(t).length <= 50, 'Member must have at most 50 entries');

  /** CreateUserPool members other than PoolName (UpdateUserPool takes the mutable subset). */
  const pool = {
    Policies: obj({
      PasswordPolicy: passwordPolicy.optional(),
      SignInPolicy: obj({ AllowedFirstAuthFactors: list(enumOf(SIGN_IN_FACTORS), 5).optional() }).optional(),
    }).optional(),
    DeletionProtection: enumOf(['ACTIVE', 'INACTIVE']).optional(),
    LambdaConfig: obj({
      PreSignUp: trigger().optional(),
      CustomMessage: trigger().optional(),
      PostConfirmation: trigger().optional(),
      PreAuthentication: trigger().optional(),
      PostAuthentication: trigger().optional(),
      DefineAuthChallenge: trigger().optional(),
      CreateAuthChallenge: trigger().optional(),
      VerifyAuthChallengeResponse: trigger().optional(),
      PreTokenGeneration: trigger().optional(),
      UserMigration: trigger().optional(),
      PreTokenGenerationConfig: lambdaVersioned(['V1_0', 'V2_0', 'V3_0']).optional(),
      CustomSMSSender: lambdaVersioned(['V1_0']).optional(),
      CustomEmailSender: lambdaVersioned(['V1_0']).optional(),
      KMSKeyID: str(20, 2048).optional(),
      InboundFederation: lambdaVersioned(['V1_0']).optional(),
    }).optional(),
    AutoVerifiedAttributes: list(enumOf(['email', 'phone_number']), 2).optional(),
    AliasAttributes: list(enumOf(['email', 'phone_number', 'preferred_username']), 3).optional(),
    UsernameAttributes: list(enumOf(['email', 'phone_number']), 2).optional(),
    SmsVerificationMessage: str(6, 140).optional(),
    EmailVerificationMessage: str(6, 20000).optional(),
    EmailVerificationSubject: str(1, 140).optional(),
    VerificationMessageTemplate: obj({
      SmsMessage: str(6, 140).optional(),
      EmailMessage: str(6, 20000).optional(),
      EmailSubject: str(1, 140).optional(),
      EmailMessageByLink: str(6, 20000).optional(),
      EmailSubjectByLink: str(1, 140).optional(),
      DefaultEmailOption: enumOf(['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE']).optional(),
    }).optional(),
    SmsAuthenticationMessage: str(6, 140).optional(),
    MfaConfiguration: enumOf(['OFF', 'ON', 'OPTIONAL']).optional(),
    UserAttributeUpdateSettings: obj({
      AttributesRequireVerificationBeforeUpdate: list(enumOf(['email', 'phone_number']), 2).optional(),
    }).optional(),
    DeviceConfiguration: obj({ ChallengeRequiredOnNewDevice: bool().optional(), DeviceOnlyRememberedOnUserPrompt: bool().optional() }).optional(),
    EmailConfiguration: obj({
      SourceArn: str(20, 2048, ARN).optional(),
      ReplyToEmailAddress: z.string().optional(),
      EmailSendingAccount: enumOf(['COGNITO_DEFAULT', 'DEVELOPER']).optional(),
      From: z.string().optional(),
      ConfigurationSet: str(1, 64).optional(),
    }).optional(),
    SmsConfiguration: smsConfiguration.optional(),
    UserPoolTags: tags.optional(),
    AdminCreateUserConfig: obj({
      AllowAdminCreateUserOnly: bool().optional(),
      UnusedAccountValidityDays: int(0, 365).optional(),
      InviteMessageTemplate: obj({
        SMSMessage: str(6, 140).optional(),
        EmailMessage: str(6, 20000).optional(),
        EmailSubject: str(1, 140).optional(),
      }).optional(),
    }).optional(),
    Schema: list(schemaAttribute, 50).min(1, 'Member must have length greater than or equal to 1').optional(),
    UserPoolAddOns: obj({
      AdvancedSecurityMode: enumOf(['OFF', 'AUDIT', 'ENFORCED']),
      AdvancedSecurityAdditionalFlows: obj({ CustomAuthMode: enumOf(['AUDIT', 'ENFORCED']).optional() }).optional(),
    }).optional(),
    DcrConfiguration: opaque().optional(),
    UsernameConfiguration: obj({ CaseSensitive: bool() }).optional(),
    AccountRecoverySetting: obj({
      RecoveryMechanisms: list(obj({ Priority: int(1, 2), Name: enumOf(['verified_email', 'verified_phone_number', 'admin_only']) }), 2)
        .min(1, 'Member must have length greater than or equal to 1')
        .optional(),
    }).optional(),
    UserPoolTier: enumOf(['LITE', 'ESSENTIALS', 'PLUS']).optional(),
    KeyConfiguration: opaque().optional(),
    IssuerConfiguration: opaque().optional(),
    AcrConfiguration: opaque().optional(),
  };

  const url = () => str(1, 1024, /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u);
  /** CreateUserPoolClient members other than UserPoolId, ClientName, GenerateSecret and ClientSecret. */
  const client = {
    RefreshTokenValidity: int(0, 315360000).optional(),
    AccessTokenValidity: int(1, 86400).optional(),
    IdTokenValidity: int(1, 86400).optional(),
    TokenValidityUnits: obj({
      AccessToken: enumOf(TIME_UNITS).optional(),
      IdToken: enumOf(TIME_UNITS).optional(),
      RefreshToken: enumOf(TIME_UNITS).optional(),
    }).optional(),
    ReadAttributes: list(str(1, 2048)).optional(),
    WriteAttributes: list(str(1, 2048)).optional(),
    ExplicitAuthFlows: list(enumOf(EXPLICIT_AUTH_FLOWS)).optional(),
    SupportedIdentityProviders: list(str(1, 32)).optional(),
    CallbackURLs: list(url(), 100).optional(),
    LogoutURLs: list(url(), 100).optional(),
    DefaultRedirectURI: url().optional(),
    AllowedOAuthFlows: list(enumOf(['code', 'implicit', 'client_credentials']), 3).optional(),
    AllowedOAuthScopes: list(str(1, 256, /^[\x21\x23-\x5B\x5D-\x7E]+$/), 50).optional(),
    AllowedOAuthFlowsUserPoolClient: bool().optional(),
    AnalyticsConfiguration: opaque().optional(),
    PreventUserExistenceErrors: enumOf(['LEGACY', 'ENABLED']).optional(),
    EnableTokenRevocation: bool().optional(),
    EnablePropagateAdditionalUserContextData: bool().optional(),
    AuthSessionValidity: int(3, 15).optional(),
    RefreshTokenRotation: obj({ Feature: enumOf(['ENABLED', 'DISABLED']), RetryGracePeriodSeconds: int(0, 60).optional() }).optional(),
  };

  const group = {
    Description: str(0, 2048).optional(),
    RoleArn: str(20, 2048, ARN).optional(),
    Precedence: int(0, 2147483647).optional(),
  };

  return { obj, pool, client, group, schemaAttribute, tags };
}

export const api = controlPlaneShapes(false);

export type PoolInput = { [K in keyof typeof api.pool]?: z.infer<(typeof api.pool)[K]> };
export type ClientInput = { [K in keyof typeof api.client]?: z.infer<(typeof api.client)[K]> };
export type SchemaAttributeInput = z.infer<typeof api.schemaAttribute>;
