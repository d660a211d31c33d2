/**
 * SQL for user import jobs and their uploaded files. Status changes are conditional updates (`where status in …`)
 * so two nodes can never both start, stop or finish the same job. Rules about which change is allowed live in
 * src/user-import/jobs.ts.
 */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, UserImportJobsTable } from './tables.js';

type Db = Kysely<Database>;
export type ImportJobRow = Selectable<UserImportJobsTable>;

export const importJobsRepo = {
  insert: (db: Db, row: ImportJobRow) => db.insertInto('user_import_jobs').values(row).execute(),

  get: (db: Db, poolId: string, jobId: string) =>
    db.selectFrom('user_import_jobs').selectAll().where('pool_id', '=', poolId).where('job_id', '=', jobId).executeTakeFirst(),

  getById: (db: Db, jobId: string) => db.selectFrom('user_import_jobs').selectAll().where('job_id', '=', jobId).executeTakeFirst(),

  /** One page in job id order after `after`. */
  list: (db: Db, poolId: string, limit: number, after?: string) => {
    let q = db.selectFrom('user_import_jobs').selectAll().where('pool_id', '=', poolId);
    if (after !== undefined) q = q.where('job_id', '>', after);
    return q.orderBy('job_id').limit(limit).execute();
  },

  /** Applies the patch only while the job is in one of `from`; true when it was. */
  transition: async (db: Db, jobId: string, from: string[], patch: Updateable<UserImportJobsTable>): Promise<boolean> => {
    const r = await db.updateTable('user_import_jobs').set(patch).where('job_id', '=', jobId).where('status', 'in', from).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  status: async (db: Db, jobId: string) =>
    (await db.selectFrom('user_import_jobs').select('status').where('job_id', '=', jobId).executeTakeFirst())?.status,

  saveUpload: async (db: Db, jobId: string, body: string, now: number) => {
    await db
      .insertInto('user_import_uploads')
      .values({ job_id: jobId, body, uploaded_at: now })
      .onConflict((c) => c.column('job_id').doUpdateSet({ body, uploaded_at: now }))
      .execute();
  },

  hasUpload: async (db: Db, jobId: string) =>
    (await db.selectFrom('user_import_uploads').select('job_id').where('job_id', '=', jobId).executeTakeFirst()) !== undefined,

  upload: async (db: Db, jobId: string) =>
    (await db.selectFrom('user_import_uploads').select('body').where('job_id', '=', jobId).executeTakeFirst())?.body,

  dropUpload: (db: Db, jobId: string) => db.deleteFrom('user_import_uploads').where('job_id', '=', jobId).execute(),
};
