/**
 * GetCredentialsForIdentity (the enhanced flow): prove the identity (no logins for a guest; otherwise logins
 * linked to it, linking new ones as GetId does), choose the role (role-mapping.ts), derive principal tags, and
 * assume the role through STS with the identity's OpenID-token context (`cognito-identity.amazonaws.com:aud`,
 * `:sub`, `:amr`) so the role's trust policy decides exactly as AssumeRoleWithWebIdentity would. Guests get
 * Cognito's scope-down session policy. A trust-policy refusal is InvalidIdentityPoolConfigurationException.
 * It never returns credentials the trust policy did not allow.
 */
import { ServiceError } from '../errors.js';
import { assumeRoleForWebIdentity } from '../sts/index.js';
import { identityForCall } from './flows.js';
import { identityErrors } from './errors.js';
import { chooseRole } from './role-mapping.js';
import { principalTagsFor } from './principal-tags.js';
import { mappingKeyMatches, userPoolIdOf } from './provider-names.js';
import { COGNITO_IDENTITY } from './openid-token.js';
import type { VerifiedLogin } from './logins.js';
import type { Services } from '../services.js';
import type { IdentityPool, PrincipalTagMap, RoleMapping } from './types.js';

/** Cognito's session name for enhanced-flow sessions. */
export const SESSION_NAME = 'CognitoIdentityCredentials';

/**
 * The scope-down policy Cognito attaches to enhanced-flow guest sessions: only these services' actions, whatever
 * the unauthenticated role allows beyond them (AWS's published list, without the services Cognate cannot serve
 * differently). Compact so it fits STS's packed-policy limit alongside tags.
 */
export const GUEST_SCOPE_DOWN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'appsync:*', 'cloudwatch:*', 'cognito-identity:*', 'cognito-sync:*', 'comprehend:*', 'dynamodb:*', 'execute-api:*', 'firehose:*',
        'gamelift:*', 'geo:*', 'iot:*', 'kinesis:*', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'lambda:*', 'lex:*', 'logs:*',
        'mobileanalytics:*', 'mobiletargeting:*', 'personalize:*', 'polly:*', 'rekognition:*', 's3:*', 'sagemaker:InvokeEndpoint', 'sdb:*',
        'ses:*', 'sns:*', 'sqs:*', 'textract:*', 'transcribe:*', 'translate:*', 'rum:PutRumEvents',
      ],
      Resource: '*',
    },
  ],
});

/** The login whose provider decides the role: the first with a role mapping, else the first. */
function primaryLogin(svc: Services, pool: IdentityPool, logins: readonly VerifiedLogin[]): { login: VerifiedLogin; mapping?: RoleMapping } {
  for (const login of logins) {
    const key = Object.keys(pool.roleMappings).find((k) => mappingKeyMatches(svc, k, login));
    if (key) return { login, mapping: pool.roleMappings[key] };
  }
  return { login: logins[0]! };
}

function tagMapFor(svc: Services, pool: IdentityPool, login: VerifiedLogin): PrincipalTagMap | undefined {
  for (const [name, map] of Object.entries(pool.tagMaps)) {
    if (name === login.provider) return map;
    if (login.userPoolId !== undefined && userPoolIdOf(svc, name) === login.userPoolId) return map;
  }
  return undefined;
}

export interface CredentialsInput { IdentityId: string; Logins?: Record<string, string>; CustomRoleArn?: string }

export async function getCredentialsForIdentity(svc: Services, input: CredentialsInput) {
  const { pool, identityId, verified } = await identityForCall(svc, input.IdentityId, input.Logins);
  const guest = verified.length === 0;
  let roleArn: string;
  let principalTags: Record<string, string> = {};
  if (guest) {
    roleArn = chooseRole({ authenticated: false, roles: pool.roles, claims: {} });
  } else {
    const { login, mapping } = primaryLogin(svc, pool, verified);
    roleArn = chooseRole({ authenticated: true, roles: pool.roles, mapping, claims: login.claims, customRoleArn: input.CustomRoleArn });
    if (login.kind === 'openid-token') principalTags = { ...(login.principalTags ?? {}) };
    else principalTags = principalTagsFor(tagMapFor(svc, pool, login), login.kind === 'userpool' ? 'userpool' : login.kind === 'oidc' ? 'oidc' : 'developer', login.claims);
  }
  const amr = guest ? ['unauthenticated'] : ['authenticated', ...verified.flatMap((l) => l.amr)];
  let creds;
  try {
    creds = await assumeRoleForWebIdentity(svc, {
      roleArn,
      roleSessionName: SESSION_NAME,
      provider: COGNITO_IDENTITY,
      conditionContext: {
        [`${COGNITO_IDENTITY}:aud`]: pool.id,
        [`${COGNITO_IDENTITY}:sub`]: identityId,
        [`${COGNITO_IDENTITY}:amr`]: amr,
      },
      ...(Object.keys(principalTags).length > 0 ? { principalTags } : {}),
      ...(guest ? { sessionPolicy: GUEST_SCOPE_DOWN } : {}),
    });
  } catch (e) {
    if (e instanceof ServiceError && ['AccessDenied', 'ValidationError', 'PackedPolicyTooLarge', 'MalformedPolicyDocument'].includes(e.type)) {
      throw identityErrors.invalidConfiguration(
        e.type === 'AccessDenied' ? undefined : `Invalid identity pool configuration. Check assigned IAM roles for this pool. (${e.message})`,
      );
    }
    throw e;
  }
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: Math.floor(creds.expiration.getTime() / 1000),
    },
  };
}
