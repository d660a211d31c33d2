/**
 * Which AuthFlow an app client may use (ExplicitAuthFlows, with Cognito's defaults and legacy names) and which
 * API may start it. Never looks at users or passwords.
 */
import { errors } from '../errors.js';
import type { PoolClient } from '../user-pools/types.js';

export const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];
const LEGACY: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
};

/** The ALLOW_… flows of a client. Legacy-only lists keep SRP and refresh on, as they always were. */
export function allowedFlows(client: PoolClient): Set<string> {
  const listed: unknown = client.config.ExplicitAuthFlows;
  if (!Array.isArray(listed) || listed.length === 0) return new Set(DEFAULT_FLOWS);
  const out = new Set<string>();
  let legacyOnly = true;
  for (const f of listed) {
    if (typeof f !== 'string') continue;
    if (LEGACY[f]) out.add(LEGACY[f]);
    else {
      legacyOnly = false;
      out.add(f);
    }
  }
  if (legacyOnly) {
    out.add('ALLOW_REFRESH_TOKEN_AUTH');
    if (!listed.includes('CUSTOM_AUTH_FLOW_ONLY')) out.add('ALLOW_USER_SRP_AUTH');
  }
  return out;
}

const NEEDS: Record<AuthFlow, string> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

const ADMIN_ONLY = new Set<AuthFlow>(['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH']);
const PUBLIC_ONLY = new Set<AuthFlow>(['USER_PASSWORD_AUTH']);

/** Throws unless `flow` can be started through this API by this client. */
export function assertFlowAllowed(client: PoolClient, flow: AuthFlow, api: 'public' | 'admin'): void {
  if ((api === 'public' && ADMIN_ONLY.has(flow)) || (api === 'admin' && PUBLIC_ONLY.has(flow))) {
    throw errors.invalidParameter('Initiate Auth method not supported.');
  }
  if (!allowedFlows(client).has(NEEDS[flow])) throw errors.invalidParameter(`${flow} flow not enabled for this client`);
}

/** PreventUserExistenceErrors: ENABLED hides unknown users; LEGACY (the API default) reveals them. */
export const hidesUserExistence = (client: PoolClient) => client.config.PreventUserExistenceErrors === 'ENABLED';
