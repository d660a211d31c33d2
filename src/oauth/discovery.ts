/**
 * The pool's OpenID Provider metadata (OpenID Connect Discovery 1.0 §3): Cognito's published members, in
 * Cognito's key order, plus the optional members the OpenID Foundation's Config OP checks look for
 * (claims_supported, grant types, response modes, PKCE methods, and an explicit "no" for request objects and
 * the claims parameter, whose absence would mean "supported"). Pure: the caller gives issuer and base URL.
 */
export const CLAIMS_SUPPORTED = [
  'sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'jti', 'origin_jti', 'event_id', 'token_use', 'cognito:username',
  'cognito:groups', 'cognito:roles', 'cognito:preferred_role',
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address',
  'updated_at', 'identities',
];

export function openIdConfiguration(issuer: string, base: string): Record<string, unknown> {
  return {
    authorization_endpoint: `${base}/oauth2/authorize`,
    claims_parameter_supported: false,
    claims_supported: CLAIMS_SUPPORTED,
    code_challenge_methods_supported: ['S256', 'plain'],
    end_session_endpoint: `${base}/logout`,
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    id_token_signing_alg_values_supported: ['RS256'],
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    response_modes_supported: ['query', 'fragment'],
    response_types_supported: ['code', 'token'],
    revocation_endpoint: `${base}/oauth2/revoke`,
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: `${base}/oauth2/userInfo`,
  };
}
