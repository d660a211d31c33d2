/**
 * Shared domain types of user pools, app clients and users. Pool and client configurations are kept in
 * Cognito's own member names (UserPoolType / UserPoolClientType, dates as epoch seconds) because that is what
 * Describe* returns and what every rule reads; users are plain readonly records.
 */

/**
 * Cognito's UserPoolType members as stored (PascalCase). Dates are epoch seconds. Custom attributes appear in
 * `SchemaAttributes` under their full names (`custom:x`, `dev:custom:x`). Besides UserPoolType the config keeps
 * the pool MFA factors set by SetUserPoolMfaConfig (not shown by DescribeUserPool): `SmsMfaConfiguration`,
 * `SoftwareTokenMfaConfiguration{Enabled}`, `EmailMfaConfiguration`, `WebAuthnConfiguration`; read them through
 * `mfaFactors(pool)` in src/user-pools/mfa-config.ts.
 */
export type UserPoolConfig = Record<string, any> & {
  Id: string;
  Name: string;
  Arn: string;
};

export interface UserPool {
  readonly id: string;
  /** SRP "pool name": the part of the id after '_'. */
  readonly srpName: string;
  readonly region: string;
  readonly config: UserPoolConfig;
}

/** Cognito's UserPoolClientType members as stored, without ClientSecret. */
export type ClientConfig = Record<string, any> & { ClientId: string; UserPoolId: string; ClientName: string };

export interface PoolClient {
  readonly id: string;
  readonly poolId: string;
  /** Plain client secret when the client has one. */
  readonly secret?: string;
  readonly config: ClientConfig;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER' | 'ARCHIVED' | 'COMPROMISED' | 'UNKNOWN';

export interface UserRecord {
  readonly poolId: string;
  /** Primary-key form of the username (lower-cased in case-insensitive pools). */
  readonly usernameKey: string;
  /** Canonical username as created (the sub in email/phone-as-username pools). */
  readonly username: string;
  readonly sub: string;
  readonly status: UserStatus;
  readonly enabled: boolean;
  /** Attribute name → string value, without `sub`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly passwordHash: string | null;
  /** Sealed SRP salt + verifier; open with openSrpVerifier (src/auth/srp-verifier.ts). */
  readonly srpSealed: string | null;
  readonly passwordUpdatedAt: number | null;
  readonly tempPasswordExpiresAt: number | null;
  /** Tokens issued (iat, ms) before this instant are revoked (GlobalSignOut). */
  readonly tokensValidAfter: number;
  readonly mfa: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}
