/**
 * User import jobs as Cognito runs them: Created (with a pre-signed upload URL) → upload → Pending → InProgress →
 * Succeeded | Failed, or Stopping → Stopped; a job never started within a day reads as Expired. The upload URL
 * points at Cognate itself and carries a random 256-bit token that is sealed at rest (so any node can check it and
 * show the URL again); the file is kept in the database until the job ends. The job runs in the node that started
 * it, batch by batch, recording counts and a heartbeat, and it looks for a stop request between batches. There is
 * no CloudWatch here: the reasons of the first failed rows go into CompletionMessage and the node's log.
 */
import { errors } from '../errors.js';
import { ids, randomString, safeEqual } from '../crypto/random.js';
import { perServices, type Services } from '../services.js';
import { getPool } from '../user-pools/pools.js';
import { afterKey, pageToken } from '../user-pools/paging.js';
import { importJobsRepo, type ImportJobRow } from '../store/import-jobs-repo.js';
import { CsvReader } from './csv.js';
import { UserImporter, type ImportCounts, type RowFailure } from './importer.js';
import { FileError } from './rows.js';

export const UPLOAD_PATH = '/_user-import';
/** Cognito expires a job not started within 24–48 hours; the upload URL lives as long. */
export const JOB_TTL_MS = 24 * 3600_000;
/** A running job whose node has not written a heartbeat for this long is reported as failed. */
const STALE_MS = 10 * 60_000;
const SHOWN_FAILURES = 10;
const ACTIVE = ['Pending', 'InProgress', 'Stopping'];

const tokenContext = (jobId: string) => `user-import-upload:${jobId}`;
const seconds = (ms: number | null) => (ms === null ? undefined : Number(ms) / 1000);

/** The status a reader should see: Expired and abandoned jobs are derived, not stored. */
function effective(svc: Services, row: ImportJobRow): { status: string; message: string | null } {
  const now = svc.clock.now();
  if (row.status === 'Created' && now > Number(row.created_at) + JOB_TTL_MS) return { status: 'Expired', message: row.message };
  if (ACTIVE.includes(row.status) && !running(svc).has(row.job_id) && now > Number(row.heartbeat_at ?? row.created_at) + STALE_MS) {
    return { status: 'Failed', message: 'The node running this import stopped before it finished; users counted as imported are in the pool. Import the rest in a new job.' };
  }
  return { status: row.status, message: row.message };
}

export function uploadUrl(svc: Services, row: ImportJobRow): string {
  const token = svc.box.open(row.upload_token_enc, tokenContext(row.job_id));
  return `${svc.config.publicUrl}${UPLOAD_PATH}/${encodeURIComponent(row.job_id)}?token=${token}`;
}

/** UserImportJobType. */
export function jobView(svc: Services, row: ImportJobRow) {
  const { status, message } = effective(svc, row);
  return {
    JobName: row.name,
    JobId: row.job_id,
    UserPoolId: row.pool_id,
    PreSignedUrl: uploadUrl(svc, row),
    CreationDate: seconds(row.created_at),
    ...(row.started_at !== null ? { StartDate: seconds(row.started_at) } : {}),
    ...(row.completed_at !== null ? { CompletionDate: seconds(row.completed_at) } : {}),
    Status: status,
    CloudWatchLogsRoleArn: row.role_arn,
    ImportedUsers: Number(row.imported),
    SkippedUsers: Number(row.skipped),
    FailedUsers: Number(row.failed),
    ...(message ? { CompletionMessage: message } : {}),
  };
}

export async function createImportJob(svc: Services, poolId: string, name: string, roleArn: string) {
  await getPool(svc, poolId);
  const row: ImportJobRow = {
    job_id: `import-${randomString('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 10)}`,
    pool_id: poolId,
    name,
    role_arn: roleArn,
    status: 'Created',
    upload_token_enc: '',
    imported: 0,
    skipped: 0,
    failed: 0,
    message: null,
    created_at: svc.clock.now(),
    started_at: null,
    completed_at: null,
    heartbeat_at: null,
  };
  row.upload_token_enc = svc.box.seal(ids.opaque(32), tokenContext(row.job_id));
  await importJobsRepo.insert(svc.db, row);
  return jobView(svc, row);
}

async function requireJob(svc: Services, poolId: string, jobId: string): Promise<ImportJobRow> {
  const row = await importJobsRepo.get(svc.db, poolId, jobId);
  if (!row) {
    await getPool(svc, poolId);
    throw errors.resourceNotFound(`Import job ${jobId} does not exist.`);
  }
  return row;
}

export async function describeImportJob(svc: Services, poolId: string, jobId: string) {
  return jobView(svc, await requireJob(svc, poolId, jobId));
}

export async function listImportJobs(svc: Services, poolId: string, limit: number, token?: string) {
  await getPool(svc, poolId);
  const rows = await importJobsRepo.list(svc.db, poolId, limit + 1, afterKey(`import-jobs:${poolId}`, token, 'PaginationToken'));
  const page = rows.slice(0, limit);
  return {
    UserImportJobs: page.map((r) => jobView(svc, r)),
    ...(rows.length > limit ? { PaginationToken: pageToken(`import-jobs:${poolId}`, page[page.length - 1]!.job_id) } : {}),
  };
}

export async function startImportJob(svc: Services, poolId: string, jobId: string) {
  const row = await requireJob(svc, poolId, jobId);
  const { status } = effective(svc, row);
  if (status !== 'Created') throw errors.preconditionNotMet(`Import job ${jobId} cannot be started: its status is ${status}.`);
  if (!(await importJobsRepo.hasUpload(svc.db, jobId))) {
    throw errors.preconditionNotMet(`Import job ${jobId} has no CSV file yet: upload it with an HTTP PUT to the job's PreSignedUrl first.`);
  }
  const now = svc.clock.now();
  if (!(await importJobsRepo.transition(svc.db, jobId, ['Created'], { status: 'Pending', started_at: now, heartbeat_at: now }))) {
    throw errors.preconditionNotMet(`Import job ${jobId} was started or changed by another request.`);
  }
  launch(svc, jobId);
  return { UserImportJob: jobView(svc, (await importJobsRepo.getById(svc.db, jobId))!) };
}

export async function stopImportJob(svc: Services, poolId: string, jobId: string) {
  const row = await requireJob(svc, poolId, jobId);
  const { status } = effective(svc, row);
  if (status !== 'Pending' && status !== 'InProgress') throw errors.preconditionNotMet(`Import job ${jobId} cannot be stopped: its status is ${status}.`);
  await importJobsRepo.transition(svc.db, jobId, ['Pending', 'InProgress'], { status: 'Stopping' });
  return { UserImportJob: jobView(svc, (await importJobsRepo.getById(svc.db, jobId))!) };
}

/** Checks an upload URL's token; the job when it may take a file now. Same answer for unknown job and bad token. */
export async function authorizeUpload(svc: Services, jobId: string, token: string): Promise<ImportJobRow> {
  const row = await importJobsRepo.getById(svc.db, jobId);
  const expected = row ? svc.box.open(row.upload_token_enc, tokenContext(row.job_id)) : ids.opaque(32);
  if (!safeEqual(expected, token) || !row) throw errors.accessDenied('The upload URL is not valid.').withStatus(403);
  const { status } = effective(svc, row);
  if (status === 'Expired') throw errors.accessDenied('The upload URL has expired.').withStatus(403);
  if (status !== 'Created') throw errors.preconditionNotMet(`Import job ${jobId} has already been started; it takes no more uploads.`).withStatus(409);
  return row;
}

/** Jobs this node is running, so shutdown can stop them and readers know they are alive. */
const running = perServices(() => new Map<string, { stop: boolean; done: Promise<void> }>());

function launch(svc: Services, jobId: string): void {
  const state = { stop: false, done: Promise.resolve() };
  state.done = runJob(svc, jobId, state)
    .catch((err) => svc.log.error({ err, jobId }, 'user import job failed'))
    .finally(() => running(svc).delete(jobId));
  running(svc).set(jobId, state);
}

/** Asks this node's jobs to stop at their next batch and waits for them (graceful shutdown). */
export async function stopRunningJobs(svc: Services): Promise<void> {
  const jobs = [...running(svc).values()];
  for (const j of jobs) j.stop = true;
  await Promise.all(jobs.map((j) => j.done));
}

function summary(c: ImportCounts, failures: RowFailure[], head: string): string {
  let msg = `${head} Imported ${c.imported}, skipped ${c.skipped} (already exist), failed ${c.failed}.`;
  if (failures.length) {
    msg += ` Failed rows: ${failures.map((f) => `line ${f.line}${f.username ? ` (${f.username})` : ''}: ${f.reason}`).join('; ')}`;
    if (c.failed > failures.length) msg += `; and ${c.failed - failures.length} more (see the node's log)`;
    msg += '.';
  }
  return msg;
}

async function runJob(svc: Services, jobId: string, state: { stop: boolean }): Promise<void> {
  const db = svc.db;
  if (!(await importJobsRepo.transition(db, jobId, ['Pending'], { status: 'InProgress', heartbeat_at: svc.clock.now() }))) return;
  const job = (await importJobsRepo.getById(db, jobId))!;
  const failures: RowFailure[] = [];
  const finish = async (status: string, message: string, c: ImportCounts) => {
    const patch = { status, message, completed_at: svc.clock.now(), imported: c.imported, skipped: c.skipped, failed: c.failed };
    await importJobsRepo.transition(db, jobId, ACTIVE, patch);
    await importJobsRepo.dropUpload(db, jobId);
    svc.log.info({ jobId, poolId: job.pool_id, status, ...c }, 'user import job ended');
  };
  const zero = { imported: 0, skipped: 0, failed: 0 };
  let importer: UserImporter;
  try {
    const pool = await getPool(svc, job.pool_id);
    importer = new UserImporter(svc, pool, {
      batchSize: 500,
      onFailure: (f) => {
        if (failures.length < SHOWN_FAILURES) failures.push(f);
        svc.log.warn({ jobId, line: f.line, username: f.username, reason: f.reason }, 'user import: row failed');
      },
    });
  } catch (e) {
    return finish('Failed', `The import could not start: ${(e as Error).message}`, zero);
  }
  const text = (await importJobsRepo.upload(db, jobId)) ?? '';
  const reader = new CsvReader();
  try {
    // The file is fed in slices so the event loop (and this node's other requests) get a turn between batches.
    const SLICE = 256 * 1024;
    for (let at = 0; at < text.length + SLICE; at += SLICE) {
      const records = at < text.length ? reader.push(text.slice(at, at + SLICE)) : reader.end();
      for (const rec of records) {
        await importer.add(rec);
        if (importer.rows % 500 === 0 && (await checkpoint(svc, jobId, importer.counts, state))) {
          await importer.flush();
          return finish('Stopped', summary(importer.counts, failures, 'The import was stopped.'), importer.counts);
        }
      }
    }
    await importer.flush();
  } catch (e) {
    if (e instanceof FileError) return finish('Failed', e.message, importer.counts);
    await finish('Failed', 'The import stopped on an internal error; users counted as imported are in the pool.', importer.counts);
    throw e;
  }
  await finish('Succeeded', summary(importer.counts, failures, 'Import Job Completed Successfully.'), importer.counts);
}

/** Records progress and a heartbeat; true when the job should stop (StopUserImportJob or shutdown). */
async function checkpoint(svc: Services, jobId: string, c: ImportCounts, state: { stop: boolean }): Promise<boolean> {
  await importJobsRepo.transition(svc.db, jobId, ACTIVE, { imported: c.imported, skipped: c.skipped, failed: c.failed, heartbeat_at: svc.clock.now() });
  await new Promise((r) => setImmediate(r));
  return state.stop || (await importJobsRepo.status(svc.db, jobId)) === 'Stopping';
}
