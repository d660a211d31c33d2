/**
 * Zod shapes of the Cognito Identity API members with the model's constraints (botocore
 * cognito-identity/2014-06-30), worded as the other handlers word them. Rules that need more than one member,
 * or the store, live in the domain modules, never here.
 */
import { z } from 'zod';
import { bool, enumOf, int, str } from '../user-pools/shapes.js';

export const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
export const IDENTITY_ID = /^[\w-]+:[0-9a-f-]+$/;
const POOL_NAME = /^[\w\s+=,.@-]+$/;
const DEVELOPER_PROVIDER = /^[\w._-]+$/;
const PROVIDER_NAME = /^[\w._:/-]+$/;
const CLIENT_ID = /^[\w_]+$/;
const ROLE_TYPE = /^(un)?authenticated$/;
const CLAIM = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

const map = <V extends z.ZodTypeAny>(key: z.ZodTypeAny, value: V, max: number) =>
  z.record(key, value).refine((m) => Object.keys(m).length <= max, `Member must have length less than or equal to ${max}`);

export const identityPoolId = () => str(1, 55, IDENTITY_POOL_ID);
export const identityId = () => str(1, 55, IDENTITY_ID);
export const identityPoolName = () => str(1, 128, POOL_NAME);
export const developerProviderName = () => str(1, 128, DEVELOPER_PROVIDER);
export const developerUserIdentifier = () => str(1, 1024);
export const logins = () => map(str(1, 128), str(1, 50000), 10);
export const tags = () => map(str(1, 128), str(0, 256), 50);
export const principalTags = () => map(str(1, 128), str(1, 256), 50);
export const arn = () => str(20, 2048);

export const cognitoIdentityProvider = z.object({
  ProviderName: str(1, 128, PROVIDER_NAME).optional(),
  ClientId: str(1, 128, CLIENT_ID).optional(),
  ServerSideTokenCheck: bool().optional(),
});

/** The settable members of an identity pool (CreateIdentityPool, UpdateIdentityPool). */
export const poolSettings = {
  IdentityPoolName: identityPoolName(),
  AllowUnauthenticatedIdentities: bool(),
  AllowClassicFlow: bool().optional(),
  SupportedLoginProviders: map(str(1, 128), str(1, 128, /^[\w.;_/-]+$/), 10).optional(),
  DeveloperProviderName: developerProviderName().optional(),
  OpenIdConnectProviderARNs: z.array(arn()).optional(),
  CognitoIdentityProviders: z.array(cognitoIdentityProvider).optional(),
  SamlProviderARNs: z.array(arn()).optional(),
  IdentityPoolTags: tags().optional(),
};

export const mappingRule = z.object({
  Claim: str(1, 64, CLAIM),
  MatchType: enumOf(['Equals', 'Contains', 'StartsWith', 'NotEqual'] as const),
  Value: str(1, 128),
  RoleARN: arn(),
});

export const roleMapping = z.object({
  Type: enumOf(['Token', 'Rules'] as const),
  AmbiguousRoleResolution: enumOf(['AuthenticatedRole', 'Deny']).optional(),
  RulesConfiguration: z.object({ Rules: z.array(mappingRule).min(1, 'Member must have length greater than or equal to 1').max(400, 'Member must have length less than or equal to 400') }).optional(),
});

export const roles = () => map(str(1, 128, ROLE_TYPE), arn(), 2);
export const roleMappings = () => map(str(1, 128), roleMapping, 10);
export const maxResults = () => int(1, 60);
export const nextToken = () => str(1, 65535).optional();
export const tokenDuration = () => int(1, 86400);
