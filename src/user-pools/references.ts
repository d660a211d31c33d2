/**
 * Things an app client may name that other control-plane areas own: resource-server scopes
 * (`{identifier}/{scope}`) and external identity providers. Until those areas exist none are defined, so a
 * client naming one is refused exactly as Cognito refuses an unknown one. The owners of resource servers and
 * identity providers replace these bodies with their own lookups; the signatures stay.
 */
import type { Services } from '../services.js';

/** True when the pool has a resource server `identifier` with scope `name` (scope is `identifier/name`). */
export async function customScopeExists(_svc: Services, _poolId: string, _scope: string): Promise<boolean> {
  return false;
}

/** True when the pool has an identity provider with this ProviderName (COGNITO is always there). */
export async function identityProviderExists(_svc: Services, _poolId: string, name: string): Promise<boolean> {
  return name === 'COGNITO';
}
