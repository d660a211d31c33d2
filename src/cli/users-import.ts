/**
 * `cognate users import --pool <id> <file.csv>`: loads a Cognito user import CSV straight into the store (no
 * server needed; a running node on the same database sees the users at once), streaming the file in batched
 * transactions with a progress bar on a terminal. Every failed row is reported on stderr with its line and
 * reason; the summary line says how many users were imported, skipped (already there) and failed.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { bootstrap } from '../bootstrap.js';
import { getPool } from '../user-pools/pools.js';
import { CsvReader } from '../user-import/csv.js';
import { UserImporter } from '../user-import/importer.js';
import type { Config } from '../config/schema.js';

export function registerUsersCommands(program: Command, config: () => Config, fail: (e: unknown) => never): void {
  const users = program.command('users').description('bulk user operations');
  users
    .command('import <file>')
    .description("import users from a Cognito user import CSV (the columns GetCSVHeader lists); they start in RESET_REQUIRED")
    .requiredOption('--pool <id>', 'user pool id')
    .option('--batch <n>', 'users per transaction', '2000')
    .action(async (file: string, o: { pool: string; batch: string }) => {
      try {
        const total = statSync(file).size;
        const { svc } = await bootstrap(config());
        try {
          const pool = await getPool(svc, o.pool);
          // A bigger page cache keeps a large pool's indexes in memory while they grow (this connection only).
          // synchronous=NORMAL (this connection only) skips the fsync per batch: in WAL mode a crash still leaves
          // whole batches, at worst losing the last few, and running the import again skips the users it has; the
          // checkpoint after the last batch makes the whole import durable before it is reported.
          if (svc.store.dialect === 'sqlite') {
            await sql`pragma cache_size = -262144`.execute(svc.db);
            await sql`pragma synchronous = NORMAL`.execute(svc.db);
          }
          let failed = 0;
          const importer = new UserImporter(svc, pool, {
            batchSize: Math.max(1, Number(o.batch) || 2000),
            onFailure: (f) => {
              failed++;
              if (failed <= 1000) process.stderr.write(`line ${f.line}${f.username ? ` (${f.username})` : ''}: ${f.reason}\n`);
              if (failed === 1001) process.stderr.write('… more failed rows are counted but not listed\n');
            },
          });
          const bar = process.stderr.isTTY
            ? new cliProgress.SingleBar(
                { format: 'importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 50 },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
          const started = Date.now();
          const cpuStart = process.cpuUsage();
          bar?.start(total, 0, { rows: 0, rate: 0 });
          const reader = new CsvReader();
          let bytes = 0;
          for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
            for (const rec of reader.push(chunk as string)) await importer.add(rec);
            bytes += Buffer.byteLength(chunk as string);
            const rows = importer.rows;
            bar?.update(bytes, { rows, rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) });
          }
          for (const rec of reader.end()) await importer.add(rec);
          await importer.flush();
          bar?.update(total, { rows: importer.rows });
          bar?.stop();
          // With synchronous=NORMAL the last batches may sit in an unsynced WAL; a checkpoint syncs the WAL first, so
          // every user counted below survives a power loss as well as a crash.
          if (svc.store.dialect === 'sqlite') await sql`pragma wal_checkpoint(PASSIVE)`.execute(svc.db);
          const c = importer.counts;
          // Fresh statistics, so the planner knows the pool's new size at once (PostgreSQL's autovacuum would
          // get there later; SQLite's optimize only analyzes what has changed enough).
          await (svc.store.dialect === 'postgres' ? sql`analyze users, aliases` : sql`pragma optimize`).execute(svc.db);
          const secs = (Date.now() - started) / 1000;
          const cpu = process.cpuUsage(cpuStart);
          process.stdout.write(
            `imported ${c.imported}, skipped ${c.skipped} (already exist), failed ${c.failed} into ${pool.id} in ${secs.toFixed(1)} s (${Math.round(importer.rows / Math.max(secs, 0.001))} rows/s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)\n`,
          );
        } finally {
          await svc.store.close();
        }
      } catch (e) {
        fail(e);
      }
    });
}
