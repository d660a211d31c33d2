/**
 * STS for the rest of Cognate: assume a role (trust policy checked by the IAM engine) and mint or resolve
 * temporary credentials. Identity pools call assumeRoleForWebIdentity for GetCredentialsForIdentity.
 */
export { assumeRoleForWebIdentity, assumeRoleAsPrincipal, stsErrors, type AssumedRole, type AssumeRoleOptions, type WebIdentityOptions } from './assume-role.js';
export { mintSession, resolveSession, type Session, type TemporaryCredentials } from './sessions.js';
