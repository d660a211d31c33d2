/**
 * Row types of every table, as Kysely sees them. Times are epoch milliseconds (bigint columns, parsed to
 * number on PostgreSQL); booleans are 0/1 integers so SQLite and PostgreSQL read the same; JSON is text.
 */
export interface MetaTable { key: string; value: string }

export interface AccessKeysTable {
  access_key_id: string;
  secret_enc: string;
  description: string;
  status: string; // Active | Inactive
  created_at: number;
}

export interface UserPoolsTable {
  id: string;
  name: string;
  config: string; // JSON: the stored UserPoolType fields
  tags: string; // JSON map
  created_at: number;
  updated_at: number;
}

export interface PoolClientsTable {
  client_id: string;
  pool_id: string;
  name: string;
  secret_enc: string | null;
  config: string; // JSON: the stored UserPoolClientType fields (without secret)
  created_at: number;
  updated_at: number;
}

export interface GroupsTable {
  pool_id: string;
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  pool_id: string;
  /** lookup key: the username, lower-cased when the pool is case-insensitive */
  username_key: string;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  attributes: string; // JSON map name → value (without sub)
  password_hash: string | null;
  srp_enc: string | null; // sealed JSON {salt, verifier} (hex)
  password_updated_at: number | null;
  temp_password_expires_at: number | null;
  tokens_valid_after: number;
  mfa: string; // JSON: MFA settings (issue 4)
  email: string | null;
  phone_number: string | null;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  preferred_username: string | null;
  created_at: number;
  updated_at: number;
}

export interface AliasesTable { pool_id: string; alias_key: string; username_key: string }

export interface GroupMembersTable { pool_id: string; group_name: string; username_key: string; created_at: number }

export interface CodesTable {
  pool_id: string;
  username_key: string;
  purpose: string;
  code_hash: string;
  attempts: number;
  expires_at: number;
  created_at: number;
  meta: string | null;
}

export interface AuthSessionsTable {
  id: string;
  pool_id: string;
  client_id: string;
  username_key: string | null;
  state: string;
  expires_at: number;
  created_at: number;
}

export interface RefreshTokensTable {
  token_hash: string;
  pool_id: string;
  client_id: string;
  username_key: string;
  origin_jti: string;
  auth_time: number;
  device_key: string | null;
  expires_at: number;
  revoked_at: number | null;
  replaced_at: number | null;
  created_at: number;
  /** Space-separated OAuth scopes granted by /oauth2/token flows; null for API sign-ins. */
  scopes?: string | null;
}

export interface RevokedOriginsTable { origin_jti: string; pool_id: string; expires_at: number }

export interface SigningKeysTable {
  kid: string;
  pool_id: string;
  purpose: string; // id | access
  private_enc: string;
  public_jwk: string;
  status: string; // current | next | previous | retired
  created_at: number;
}

export interface AttemptCountersTable { key: string; count: number; window_start: number; locked_until: number }

export interface OutboxTable {
  id: string;
  pool_id: string;
  username: string;
  medium: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  created_at: number;
}

/** Federation (migration 0110): external IdPs, their identifiers, sign-ins in flight, linked identities. */
export interface IdentityProvidersTable {
  pool_id: string;
  name: string;
  type: string;
  details: string; // JSON ProviderDetails without client_secret
  secret_enc: string | null; // sealed client_secret
  attribute_mapping: string; // JSON map pool attribute → IdP claim
  idp_identifiers: string; // JSON list
  created_at: number;
  updated_at: number;
}
export interface IdpIdentifiersTable { pool_id: string; identifier: string; provider_name: string }
export interface FederationStatesTable {
  state_hash: string;
  pool_id: string;
  client_id: string;
  provider_name: string;
  request: string; // JSON: the original /oauth2/authorize request
  nonce: string;
  verifier_enc: string; // sealed PKCE code_verifier towards the IdP
  idp_url: string;
  expires_at: number;
  created_at: number;
}
export interface ProviderLinksTable { pool_id: string; provider_name: string; subject: string; username_key: string; created_at: number }
// IAM entities and STS sessions (migration 0080). Names are keyed lower-cased: IAM names are case-insensitive.
export interface IamRolesTable {
  name_key: string; name: string; role_id: string; path: string; trust_policy: string; description: string | null;
  max_session_duration: number; tags: string; created_at: number; updated_at: number;
}
export interface IamInlinePoliciesTable { owner_kind: string; owner_key: string; policy_name: string; document: string; updated_at: number }
export interface IamPoliciesTable {
  arn: string; name_key: string; name: string; policy_id: string; path: string; description: string | null; document: string;
  tags: string; created_at: number; updated_at: number;
}
export interface IamAttachmentsTable { owner_kind: string; owner_key: string; policy_arn: string; created_at: number }
export interface IamUsersTable { name_key: string; name: string; user_id: string; path: string; tags: string; created_at: number }
export interface IamAccessKeysTable { access_key_id: string; user_key: string; secret_enc: string; status: string; created_at: number }
export interface IamOidcProvidersTable { arn: string; url: string; client_ids: string; thumbprints: string; tags: string; created_at: number }
export interface StsSessionsTable {
  access_key_id: string; secret_enc: string; token_hash: string; role_arn: string; role_id: string; session_name: string;
  source_identity: string | null; session_policy: string | null; principal_tags: string; context: string; expires_at: number; created_at: number;
}

export interface OAuthCodesTable {
  code_hash: string;
  pool_id: string;
  client_id: string;
  username_key: string;
  sub: string;
  redirect_uri: string;
  scopes: string; // space-separated
  nonce: string | null;
  code_challenge: string | null;
  code_challenge_method: string | null;
  auth_time: number; // epoch s
  identities: string | null; // JSON
  origin_jti: string | null; // set when redeemed: the authentication its tokens belong to
  consumed_at: number | null;
  expires_at: number;
  created_at: number;
}

export interface ResourceServersTable {
  pool_id: string;
  identifier: string;
  name: string;
  scopes: string; // JSON [{ScopeName, ScopeDescription}]
  created_at: number;
  updated_at: number;
}
export interface UserImportJobsTable {
  job_id: string;
  pool_id: string;
  name: string;
  role_arn: string;
  status: string; // Created | Pending | InProgress | Stopping | Stopped | Succeeded | Failed (Expired is derived)
  upload_token_enc: string;
  imported: number;
  skipped: number;
  failed: number;
  message: string | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  heartbeat_at: number | null;
}

export interface UserImportUploadsTable { job_id: string; body: string; uploaded_at: number }
/** Hosted UI (migration 0075): sign-in domains, UI customization, single-sign-on sessions. */
export interface UserPoolDomainsTable {
  domain: string;
  pool_id: string;
  kind: string; // prefix | custom
  certificate_arn: string | null;
  managed_login_version: number;
  created_at: number;
  updated_at: number;
}
export interface UiCustomizationsTable {
  pool_id: string;
  client_id: string; // 'ALL' = the pool default
  css: string | null; // the sanitized CSS
  image: string | null; // base64 logo
  image_type: string | null; // image/png | image/jpeg
  css_version: string;
  created_at: number;
  updated_at: number;
}
export interface HostedUiSessionsTable { id: string; pool_id: string; username_key: string; auth_time: number; expires_at: number; created_at: number }

/** Identity pools (migration 0090): pools, identities, and the provider logins linked to an identity. */
export interface IdentityPoolsTable {
  id: string; name: string; config: string; roles: string; role_mappings: string; tag_maps: string; tags: string; created_at: number; updated_at: number;
}
export interface IdentitiesTable { identity_id: string; identity_pool_id: string; disabled: number; created_at: number; updated_at: number }
export interface IdentityLoginsTable { identity_pool_id: string; provider: string; subject: string; identity_id: string; created_at: number }

/** A user's TOTP authenticator (issue 4, src/mfa/). */
export interface MfaTotpTable {
  pool_id: string;
  user_sub: string;
  secret_enc: string | null;
  pending_enc: string | null;
  pending_attempts: number;
  friendly_name: string | null;
  last_step: number;
  created_at: number;
  updated_at: number;
}

/** A device a user signed in from (issue 4, src/devices/). */
export interface DevicesTable {
  pool_id: string;
  device_key: string;
  user_sub: string;
  group_key: string;
  verifier_enc: string | null; // sealed {salt, verifier} hex; null until ConfirmDevice
  name: string | null;
  remembered: string | null; // remembered | not_remembered
  last_ip: string | null;
  created_at: number;
  updated_at: number;
  last_auth_at: number;
}

export interface Database {
  meta: MetaTable;
  access_keys: AccessKeysTable;
  user_pools: UserPoolsTable;
  pool_clients: PoolClientsTable;
  groups: GroupsTable;
  users: UsersTable;
  aliases: AliasesTable;
  group_members: GroupMembersTable;
  codes: CodesTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  revoked_origins: RevokedOriginsTable;
  signing_keys: SigningKeysTable;
  attempt_counters: AttemptCountersTable;
  outbox: OutboxTable;
  identity_providers: IdentityProvidersTable;
  idp_identifiers: IdpIdentifiersTable;
  federation_states: FederationStatesTable;
  provider_links: ProviderLinksTable;
  oauth_codes: OAuthCodesTable;
  resource_servers: ResourceServersTable;
  iam_roles: IamRolesTable;
  iam_inline_policies: IamInlinePoliciesTable;
  iam_policies: IamPoliciesTable;
  iam_attachments: IamAttachmentsTable;
  iam_users: IamUsersTable;
  iam_access_keys: IamAccessKeysTable;
  iam_oidc_providers: IamOidcProvidersTable;
  sts_sessions: StsSessionsTable;
  identity_pools: IdentityPoolsTable;
  identities: IdentitiesTable;
  identity_logins: IdentityLoginsTable;
  mfa_totp: MfaTotpTable;
  devices: DevicesTable;
  user_import_jobs: UserImportJobsTable;
  user_import_uploads: UserImportUploadsTable;
  user_pool_domains: UserPoolDomainsTable;
  ui_customizations: UiCustomizationsTable;
  hosted_ui_sessions: HostedUiSessionsTable;
}
