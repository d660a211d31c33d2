/**
 * Declarative setup: pools, clients and groups declared in the config file are created or updated at start.
 * (Filled in by the control-plane work.)
 */
import type { Services } from '../services.js';

export async function applyDeclaredSetup(_svc: Services, declared: unknown[]): Promise<void> {
  if (declared.length > 0) throw new Error('declared userPools are not supported yet');
}
