/**
 * AddCustomAttributes: appends custom attributes (stored as `custom:{Name}`, or `dev:custom:{Name}` when
 * developer-only) to the pool schema. Existing attributes can never be changed or removed, and a pool holds at
 * most 50 custom attributes.
 */
import type { Services } from '../services.js';
import type { UserPoolConfig } from './types.js';
import type { SchemaAttributeInput } from './shapes.js';
import { addCustomAttributes, type SchemaAttribute } from './schema-attributes.js';
import { mutatePoolConfig } from './pool-admin.js';

export async function addPoolCustomAttributes(svc: Services, poolId: string, attrs: readonly SchemaAttributeInput[]): Promise<void> {
  await mutatePoolConfig(svc, poolId, (pool) => ({
    ...pool.config,
    SchemaAttributes: addCustomAttributes((pool.config.SchemaAttributes ?? []) as SchemaAttribute[], attrs),
  }) as UserPoolConfig);
}
