/**
 * `cognate keys rotate-signing --pool <id>`: rotates a pool's token signing keys (next → current → previous).
 * Running nodes pick the change up within seconds; tokens signed before it keep verifying because the previous
 * key stays in the JWKS. Prints kids only, never key material.
 */
import type { Command } from 'commander';
import { bootstrap } from '../bootstrap.js';
import { getPool } from '../user-pools/pools.js';
import { rotateSigningKeys } from '../tokens/keys.js';
import type { Config } from '../config/schema.js';

export function registerSigningKeyCommands(keys: Command, config: () => Config, fail: (e: unknown) => never): void {
  keys
    .command('rotate-signing')
    .description("rotate a user pool's token signing keys (the previous key stays published until the next rotation)")
    .requiredOption('--pool <id>', 'user pool id')
    .action(async (o: { pool: string }) => {
      try {
        const { svc } = await bootstrap(config());
        try {
          await getPool(svc, o.pool);
          const { current } = await rotateSigningKeys(svc, o.pool);
          process.stdout.write(`rotated signing keys of ${o.pool}\ncurrent id-token kid:     ${current.id}\ncurrent access-token kid: ${current.access}\n`);
        } finally {
          await svc.store.close();
        }
      } catch (e) {
        fail(e);
      }
    });
}
