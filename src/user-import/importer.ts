/**
 * Loads CSV records into a user pool in batches: each batch is one transaction of multi-row inserts (users, then
 * their aliases), so a crash leaves whole batches or nothing. Counting follows Cognito: a user whose username
 * (or, in e-mail/phone-as-username pools, whose e-mail/phone) already exists is skipped; a row that breaks a rule
 * or takes another user's alias failed, with its reason. Used by import jobs (src/user-import/jobs.ts) and by
 * `cognate users import`; it never decides job states and never prints.
 */
import type { Kysely } from 'kysely';
import type { Services } from '../services.js';
import type { Database } from '../store/tables.js';
import type { UserPool } from '../user-pools/types.js';
import { aliasesRepo, usersRepo } from '../store/users-repo.js';
import { usesUsernameAttributes } from '../users/aliases.js';
import type { CsvRecord } from './csv.js';
import { FileError, RowError, planHeader, prepareRow, type HeaderPlan, type PreparedUser } from './rows.js';

export interface ImportCounts { imported: number; skipped: number; failed: number }
export interface RowFailure { line: number; username: string; reason: string }

export interface ImporterOptions {
  /** Users per transaction. */
  batchSize?: number;
  /** Called for each failed row (jobs keep the first few; the CLI prints them all). */
  onFailure?: (f: RowFailure) => void;
}

export class UserImporter {
  readonly counts: ImportCounts = { imported: 0, skipped: 0, failed: 0 };
  #plan?: HeaderPlan;
  #pending: PreparedUser[] = [];
  readonly #batchSize: number;

  constructor(
    private readonly svc: Pick<Services, 'db' | 'clock'>,
    private readonly pool: UserPool,
    private readonly opts: ImporterOptions = {},
  ) {
    this.#batchSize = opts.batchSize ?? 1000;
  }

  /** Rows read so far (header excluded). */
  get rows(): number {
    return this.counts.imported + this.counts.skipped + this.counts.failed + this.#pending.length;
  }

  /** Takes the next record; the first is the header. Throws FileError for a bad header. Flushes full batches. */
  async add(rec: CsvRecord): Promise<void> {
    if (!this.#plan) {
      this.#plan = planHeader(this.pool, rec.fields);
      return;
    }
    try {
      this.#pending.push(prepareRow(this.#plan, rec, this.svc.clock.now()));
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      this.#fail(rec.line, rec.fields[this.#plan.usernameAt] ?? '', e.message);
    }
    if (this.#pending.length >= this.#batchSize) await this.flush();
  }

  /** Writes what is pending. Call once more at the end. */
  async flush(): Promise<void> {
    if (!this.#plan) throw new FileError('The CSV file is empty: it needs the header GetCSVHeader returns and a row per user.');
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const unique = this.#dedupe(batch);
    if (unique.length === 0) return;
    const outcome = await this.svc.db.transaction().execute((trx) => this.#write(trx, unique));
    this.counts.imported += outcome.imported;
    this.counts.skipped += outcome.skipped;
    for (const f of outcome.failures) this.#fail(f.line, f.username, f.reason);
  }

  #fail(line: number, username: string, reason: string): void {
    this.counts.failed++;
    this.opts.onFailure?.({ line, username, reason });
  }

  /** Drops repeats inside the batch (the first row wins), so the database only arbitrates against stored users. */
  #dedupe(batch: PreparedUser[]): PreparedUser[] {
    const keys = new Set<string>();
    const aliases = new Map<string, string>();
    const byUsername = usesUsernameAttributes(this.pool);
    const out: PreparedUser[] = [];
    for (const u of batch) {
      if (keys.has(u.row.username_key)) {
        this.counts.skipped++;
        continue;
      }
      const clash = [...u.aliases].find(([k]) => aliases.has(k));
      if (clash) {
        if (byUsername) this.counts.skipped++;
        else this.#fail(u.line, u.given, `An account with the given ${clash[1]} already exists.`);
        continue;
      }
      keys.add(u.row.username_key);
      for (const [k, attr] of u.aliases) aliases.set(k, attr);
      out.push(u);
    }
    return out;
  }

  async #write(trx: Kysely<Database>, batch: PreparedUser[]): Promise<{ imported: number; skipped: number; failures: RowFailure[] }> {
    const poolId = this.pool.id;
    const inserted = new Set(await usersRepo.insertMany(trx, batch.map((u) => u.row)));
    let skipped = batch.length - inserted.size;
    const fresh = batch.filter((u) => inserted.has(u.row.username_key));
    const wanted = fresh.flatMap((u) => [...u.aliases.keys()].map((alias_key) => ({ pool_id: poolId, alias_key, username_key: u.row.username_key })));
    if (wanted.length === 0) return { imported: fresh.length, skipped, failures: [] };
    const claimed = new Set(await aliasesRepo.insertMany(trx, wanted));
    const losers = fresh.filter((u) => [...u.aliases.keys()].some((k) => !claimed.has(k)));
    if (losers.length === 0) return { imported: fresh.length, skipped, failures: [] };
    // Another user owns one of their aliases: take these users back out, with the aliases they did claim.
    const keys = losers.map((u) => u.row.username_key);
    await aliasesRepo.releaseUsers(trx, poolId, keys);
    await usersRepo.deleteMany(trx, poolId, keys);
    const failures: RowFailure[] = [];
    if (usesUsernameAttributes(this.pool)) skipped += losers.length;
    else {
      for (const u of losers) {
        const attr = [...u.aliases].find(([k]) => !claimed.has(k))![1];
        failures.push({ line: u.line, username: u.given, reason: `An account with the given ${attr} already exists.` });
      }
    }
    return { imported: fresh.length - losers.length, skipped, failures };
  }
}
