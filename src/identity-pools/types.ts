/**
 * Plain domain types of identity pools: the stored settings, roles, role mappings and principal-tag maps, as
 * the wire names them (the store keeps them as JSON of exactly these shapes).
 */
export interface CognitoProvider { ProviderName?: string; ClientId?: string; ServerSideTokenCheck?: boolean }

export interface PoolSettings {
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: CognitoProvider[];
  SamlProviderARNs?: string[];
}

export interface MappingRule { Claim: string; MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual'; Value: string; RoleARN: string }

export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
}

export interface PrincipalTagMap { UseDefaults: boolean; PrincipalTags: Record<string, string> }

export interface IdentityPool {
  id: string;
  name: string;
  settings: PoolSettings;
  roles: Record<string, string>;
  roleMappings: Record<string, RoleMapping>;
  /** Provider name → principal-tag attribute map. */
  tagMaps: Record<string, PrincipalTagMap>;
  tags: Record<string, string>;
}
