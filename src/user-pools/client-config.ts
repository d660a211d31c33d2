/**
 * Turns CreateUserPoolClient / UpdateUserPoolClient input into the stored UserPoolClientType with Cognito's
 * defaults and cross-member rules: auth flows (no mixing of legacy and ALLOW_ names), token validities checked
 * after unit conversion, attribute permissions against the pool schema, OAuth flows/scopes/redirect URIs and
 * identity providers. Never stores or returns the secret; the caller seals it.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { ClientConfig, UserPool } from './types.js';
import type { ClientInput } from './shapes.js';
import type { SchemaAttribute } from './schema-attributes.js';
import { customScopeExists, identityProviderExists } from './references.js';

const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);
export const DEFAULT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];
export const STANDARD_SCOPES = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];
const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function authFlows(given: readonly string[] | undefined): string[] {
  if (!given || given.length === 0) return [...DEFAULT_AUTH_FLOWS];
  const flows = uniq(given);
  const legacy = flows.filter((f) => LEGACY_FLOWS.has(f));
  if (legacy.length > 0 && legacy.length < flows.length) {
    throw errors.invalidParameter(`ExplicitAuthFlows cannot mix legacy values (${legacy.join(', ')}) with ALLOW_ values.`);
  }
  return flows;
}

interface TokenRule { member: 'AccessTokenValidity' | 'IdTokenValidity' | 'RefreshTokenValidity'; unitKey: 'AccessToken' | 'IdToken' | 'RefreshToken'; min: number; max: number; dflt: number; dfltUnit: Unit; range: string }
const TOKEN_RULES: TokenRule[] = [
  { member: 'AccessTokenValidity', unitKey: 'AccessToken', min: 300, max: 86400, dflt: 3600, dfltUnit: 'hours', range: 'between 5 minutes and 1 day' },
  { member: 'IdTokenValidity', unitKey: 'IdToken', min: 300, max: 86400, dflt: 3600, dfltUnit: 'hours', range: 'between 5 minutes and 1 day' },
  { member: 'RefreshTokenValidity', unitKey: 'RefreshToken', min: 3600, max: 315360000, dflt: 30 * 86400, dfltUnit: 'days', range: 'between 60 minutes and 10 years' },
];

/** Validities with their units, Cognito's defaults filled in (60 minutes shown as 1 hour; 30 days). */
function validities(input: ClientInput) {
  const out: Record<string, number> = {};
  const units: Record<string, Unit> = {};
  for (const r of TOKEN_RULES) {
    const givenUnit = input.TokenValidityUnits?.[r.unitKey] as Unit | undefined;
    const value = input[r.member];
    let unit = givenUnit ?? r.dfltUnit;
    let v: number;
    if (value === undefined || (r.member === 'RefreshTokenValidity' && value === 0)) {
      if (r.dflt % UNIT_SECONDS[unit] !== 0) unit = r.dfltUnit;
      v = r.dflt / UNIT_SECONDS[unit];
    } else {
      v = value;
    }
    const seconds = v * UNIT_SECONDS[unit];
    if (seconds < r.min || seconds > r.max) {
      throw errors.invalidParameter(`Invalid range for token validity: ${r.member} ${v} ${unit} must be ${r.range}.`);
    }
    out[r.member] = v;
    units[r.unitKey] = unit;
  }
  return { RefreshTokenValidity: out.RefreshTokenValidity, AccessTokenValidity: out.AccessTokenValidity, IdTokenValidity: out.IdTokenValidity, TokenValidityUnits: units };
}

function attributePermissions(pool: UserPool, input: ClientInput, verb: string) {
  const schema = (pool.config.SchemaAttributes ?? []) as SchemaAttribute[];
  const known = new Map(schema.map((a) => [a.Name, a]));
  const read = input.ReadAttributes ? uniq(input.ReadAttributes) : undefined;
  const write = input.WriteAttributes ? uniq(input.WriteAttributes) : undefined;
  if (read?.some((n) => !known.has(n))) throw errors.invalidParameter(`Invalid read attributes specified while ${verb} a client`);
  // Cognito also insists that a client able to write attributes can write every required one.
  const requiredMissing = write !== undefined && schema.some((a) => a.Required && a.Name !== 'sub' && !write.includes(a.Name));
  if (requiredMissing || write?.some((n) => !known.has(n) || n === 'sub' || known.get(n)!.Mutable === false)) {
    throw errors.invalidParameter(`Invalid write attributes specified while ${verb} a client`);
  }
  return { ReadAttributes: read, WriteAttributes: write };
}

function checkUrl(svc: Services, member: string, url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw errors.invalidParameter(`${member}: ${url} is not an absolute URL.`);
  }
  if (u.hash) throw errors.invalidParameter(`${member}: ${url} must not contain a fragment.`);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.protocol === 'http:' && !loopback && svc.config.mode === 'production') {
    throw errors.invalidParameter(`${member}: ${url} must use HTTPS (plain HTTP is accepted only for localhost).`);
  }
}

async function oauth(svc: Services, pool: UserPool, input: ClientInput, hasSecret: boolean) {
  const callbacks = input.CallbackURLs ? uniq(input.CallbackURLs) : undefined;
  const logouts = input.LogoutURLs ? uniq(input.LogoutURLs) : undefined;
  for (const u of callbacks ?? []) checkUrl(svc, 'CallbackURLs', u);
  for (const u of logouts ?? []) checkUrl(svc, 'LogoutURLs', u);
  if (input.DefaultRedirectURI !== undefined) {
    checkUrl(svc, 'DefaultRedirectURI', input.DefaultRedirectURI);
    if (!callbacks?.includes(input.DefaultRedirectURI)) throw errors.invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  }
  const flows = input.AllowedOAuthFlows ? uniq(input.AllowedOAuthFlows) : undefined;
  const scopes = input.AllowedOAuthScopes ? uniq(input.AllowedOAuthScopes) : undefined;
  const enabled = input.AllowedOAuthFlowsUserPoolClient ?? false;
  if (flows?.includes('client_credentials')) {
    if (flows.length > 1) throw errors.invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!hasSecret) throw errors.invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
  }
  if (enabled && (!flows?.length || !scopes?.length)) {
    throw errors.invalidOAuthFlow('AllowedOAuthFlows and AllowedOAuthScopes are required when AllowedOAuthFlowsUserPoolClient is true.');
  }
  if (flows?.some((f) => f === 'code' || f === 'implicit') && !callbacks?.length) {
    throw errors.invalidOAuthFlow('CallbackURLs are required for the code and implicit flows.');
  }
  for (const s of scopes ?? []) {
    if (STANDARD_SCOPES.includes(s)) continue;
    if (!s.includes('/') || !(await customScopeExists(svc, pool.id, s))) throw errors.scopeDoesNotExist(`Invalid scope requested: ${s}`);
  }
  const providers = input.SupportedIdentityProviders ? uniq(input.SupportedIdentityProviders) : undefined;
  for (const p of providers ?? []) {
    if (!(await identityProviderExists(svc, pool.id, p))) throw errors.invalidParameter(`The provider ${p} does not exist for User Pool ${pool.id}`);
  }
  return defined({
    SupportedIdentityProviders: providers,
    CallbackURLs: callbacks,
    LogoutURLs: logouts,
    DefaultRedirectURI: input.DefaultRedirectURI,
    AllowedOAuthFlows: flows,
    AllowedOAuthScopes: scopes,
    AllowedOAuthFlowsUserPoolClient: enabled,
  });
}

/** `CreationDate` in epoch seconds (kept exactly on update); `now` in ms. */
export interface ClientIdentity { ClientId: string; ClientName: string; CreationDate: number; now: number; hasSecret: boolean; verb: 'creating' | 'updating' }

/** The stored UserPoolClientType (without ClientSecret). */
export async function buildClientConfig(svc: Services, pool: UserPool, input: ClientInput, who: ClientIdentity): Promise<ClientConfig> {
  const perms = attributePermissions(pool, input, who.verb);
  return defined({
    UserPoolId: pool.id,
    ClientName: who.ClientName,
    ClientId: who.ClientId,
    LastModifiedDate: who.now / 1000,
    CreationDate: who.CreationDate,
    ...validities(input),
    ...perms,
    ExplicitAuthFlows: authFlows(input.ExplicitAuthFlows),
    ...(await oauth(svc, pool, input, who.hasSecret)),
    AnalyticsConfiguration: input.AnalyticsConfiguration,
    PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    RefreshTokenRotation: input.RefreshTokenRotation
      ? { Feature: input.RefreshTokenRotation.Feature, RetryGracePeriodSeconds: input.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0 }
      : undefined,
  }) as ClientConfig;
}
