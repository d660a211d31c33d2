/**
 * Names of the providers an identity pool trusts, and how a `Logins` key or a role-mapping key resolves to
 * one. A Cognate user pool is named either the AWS way (`cognito-idp.{region}.amazonaws.com/{poolId}`) or as
 * its token issuer without the scheme (`{host:port}/{poolId}`, what Amplify derives from `iss`); both name the
 * same pool everywhere. Pure apart from reading the configured issuer base.
 */
import { issuerFor } from '../tokens/claims.js';
import type { Services } from '../services.js';
import type { CognitoProvider, PoolSettings } from './types.js';

const AWS_USER_POOL = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/;
const POOL_ID_TAIL = /\/([\w-]+_[0-9a-zA-Z]+)$/;
const OIDC_ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/;

/** The user pool a provider name refers to, or undefined when it is not a user-pool name of ours. */
export function userPoolIdOf(svc: Services, name: string): string | undefined {
  const aws = AWS_USER_POOL.exec(name);
  if (aws) return aws[2]!.startsWith(`${aws[1]}_`) ? aws[2] : undefined;
  const tail = POOL_ID_TAIL.exec(name);
  if (!tail) return undefined;
  return issuerFor(svc, tail[1]!).replace(/^https?:\/\//, '') === name ? tail[1] : undefined;
}

/** The CognitoIdentityProviders entries of the pool for one user pool. */
export function userPoolEntries(svc: Services, settings: PoolSettings, userPoolId: string): CognitoProvider[] {
  return (settings.CognitoIdentityProviders ?? []).filter((p) => p.ProviderName !== undefined && userPoolIdOf(svc, p.ProviderName) === userPoolId);
}

/** The `{host/path}` an IAM OIDC provider ARN names (its Logins key), or undefined. */
export function oidcKeyOf(arn: string): string | undefined {
  return OIDC_ARN.exec(arn)?.[2];
}

/**
 * Whether a role-mapping key names this login: user pools as `{providerName}:{appClientId}` in either name
 * form, other providers by their name.
 */
export function mappingKeyMatches(svc: Services, key: string, login: { provider: string; userPoolId?: string; clientId?: string }): boolean {
  if (login.userPoolId !== undefined) {
    const cut = key.lastIndexOf(':');
    if (cut < 0) return false;
    return key.slice(cut + 1) === login.clientId && userPoolIdOf(svc, key.slice(0, cut)) === login.userPoolId;
  }
  return key === login.provider;
}
