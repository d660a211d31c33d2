/**
 * `cognate outbox`: prints the development outbox (messages with their codes), newest first. Reads the
 * database directly, so it works while a node is running; refuses in production mode.
 */
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { bootstrap } from '../bootstrap.js';
import { readOutbox } from '../messages/outbox.js';

export function registerOutboxCommand(program: Command, loadConfig: () => Config): void {
  program
    .command('outbox')
    .description('show messages captured by the development outbox (codes, invitations), newest first')
    .option('--pool <poolId>', 'only this user pool')
    .option('--username <name>', 'only this user (username or destination address)')
    .option('-n, --limit <n>', 'how many messages', '20')
    .option('--json', 'print JSON')
    .action(async (o: { pool?: string; username?: string; limit: string; json?: boolean }) => {
      try {
        const cfg = loadConfig();
        if (cfg.mode !== 'development') throw new Error('the outbox exists only in development mode (COGNATE_MODE=development)');
        const { svc } = await bootstrap(cfg);
        try {
          const messages = await readOutbox(svc, { poolId: o.pool, username: o.username, limit: Number(o.limit) || 20 });
          if (o.json) process.stdout.write(JSON.stringify({ messages }, null, 2) + '\n');
          else if (messages.length === 0) process.stdout.write('the outbox is empty\n');
          else {
            for (const m of messages) {
              process.stdout.write(`${m.createdAt}  ${m.poolId}  ${m.username}  ${m.medium} → ${m.destination}${m.code ? `  code ${m.code}` : ''}\n`);
              if (m.subject) process.stdout.write(`  subject: ${m.subject}\n`);
              process.stdout.write(`  ${m.body.replace(/\n/g, '\n  ')}\n`);
            }
          }
        } finally {
          await svc.store.close();
        }
      } catch (e) {
        process.stderr.write(`cognate: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      }
    });
}
