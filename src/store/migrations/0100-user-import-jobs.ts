/**
 * User import jobs (CreateUserImportJob … DescribeUserImportJob) and their uploaded CSV files. The upload is a
 * separate table so job listings never read file bodies; both live in the database so a job created on one
 * node can be uploaded to, started and described on any other.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_import_jobs')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('pool_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_arn', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('upload_token_enc', 'text', (c) => c.notNull())
    .addColumn('imported', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('heartbeat_at', 'bigint')
    .execute();
  await db.schema.createIndex('user_import_jobs_pool').on('user_import_jobs').columns(['pool_id', 'job_id']).execute();
  await db.schema
    .createTable('user_import_uploads')
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_import_uploads').execute();
  await db.schema.dropTable('user_import_jobs').execute();
}
