/**
 * Which OAuth scopes a client gets: the requested ones (space-separated) that its AllowedOAuthScopes permit,
 * or all of them when none are requested. A requested scope the client may not have is `invalid_scope` (never
 * silently widened); a custom scope whose resource server has since been deleted is no longer granted.
 * Also the per-flow rule: a client may use a flow only when AllowedOAuthFlowsUserPoolClient is on and the
 * flow is in AllowedOAuthFlows. Pure rules plus one resource-server lookup; no HTTP here.
 */
import { customScopeExists } from '../user-pools/references.js';
import { STANDARD_SCOPES } from '../user-pools/client-config.js';
import { oauthError } from './errors.js';
import type { PoolClient } from '../user-pools/types.js';
import type { Services } from '../services.js';

export type OAuthFlow = 'code' | 'implicit' | 'client_credentials';

/** RFC 6749 scope-token characters (%x21 / %x23-5B / %x5D-7E). */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export const isCustomScope = (s: string) => !STANDARD_SCOPES.includes(s);

/** Throws unauthorized_client unless the client has OAuth enabled with this flow. */
export function assertFlowAllowed(client: PoolClient, flow: OAuthFlow): void {
  const flows = Array.isArray(client.config.AllowedOAuthFlows) ? (client.config.AllowedOAuthFlows as string[]) : [];
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes(flow)) {
    throw oauthError('unauthorized_client', `Client ${client.id} is not allowed to use the ${flow} flow.`);
  }
}

/** Splits a `scope` parameter; invalid_scope for characters RFC 6749 does not allow. */
export function parseScopeParam(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  const parts = scope.split(' ').filter(Boolean);
  if (parts.length === 0) return undefined;
  for (const p of parts) if (!SCOPE_TOKEN.test(p)) throw oauthError('invalid_scope', 'The scope parameter is malformed.');
  return [...new Set(parts)];
}

/**
 * The scopes granted to a client for a request. `onlyCustom` (client_credentials) limits both the default set
 * and what may be asked for to resource-server scopes, as Cognito does.
 */
export async function grantScopes(
  svc: Services,
  client: PoolClient,
  requested: string | readonly string[] | undefined,
  opts: { onlyCustom?: boolean } = {},
): Promise<string[]> {
  const asked = typeof requested === 'string' || requested === undefined ? parseScopeParam(requested) : [...new Set(requested)];
  const allowed = (Array.isArray(client.config.AllowedOAuthScopes) ? (client.config.AllowedOAuthScopes as string[]) : []).filter(
    (s) => !opts.onlyCustom || isCustomScope(s),
  );
  let wanted: string[];
  if (asked === undefined) {
    wanted = allowed;
  } else {
    const refused = asked.filter((s) => !allowed.includes(s));
    if (refused.length > 0) throw oauthError('invalid_scope', `Scope not allowed for client ${client.id}: ${refused.join(' ')}`);
    wanted = asked;
  }
  const live: string[] = [];
  for (const s of wanted) if (!isCustomScope(s) || (await customScopeExists(svc, client.poolId, s))) live.push(s);
  if (live.length === 0) throw oauthError('invalid_scope', `No scope can be granted to client ${client.id}.`);
  return live;
}
