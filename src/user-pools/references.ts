/**
 * Things an app client may name that other control-plane areas own: resource-server scopes
 * (`{identifier}/{scope}`) and external identity providers. A client naming one that does not exist is refused
 * exactly as Cognito refuses an unknown one.
 */
import type { Services } from '../services.js';
import { findProvider } from '../federation/providers.js';
import { resourceScopeExists } from '../oauth/resource-servers.js';

/** True when the pool has a resource server `identifier` with scope `name` (scope is `identifier/name`). */
export async function customScopeExists(svc: Services, poolId: string, scope: string): Promise<boolean> {
  return resourceScopeExists(svc, poolId, scope);
}

/** True when the pool has an identity provider with this ProviderName (COGNITO is always there). */
export async function identityProviderExists(svc: Services, poolId: string, name: string): Promise<boolean> {
  if (name === 'COGNITO') return true;
  return (await findProvider(svc, poolId, name)) !== undefined;
}
