/** CSV building, the PreSignedUrl upload (as Cognito's guide does it with curl -T) and job polling for import tests. */
import { DescribeUserImportJobCommand, type UserImportJobType } from '@aws-sdk/client-cognito-identity-provider';
import type { TestServer } from '../helpers/server.js';

/** One CSV line, quoting values that need it (RFC 4180). */
export const csvLine = (values: readonly string[]) => values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');

/** The PUT that `curl -T users.csv -H "x-amz-server-side-encryption:aws:kms" "$PreSignedUrl"` sends. */
export function upload(url: string, csv: string): Promise<Response> {
  return fetch(url, { method: 'PUT', body: csv, headers: { 'x-amz-server-side-encryption': 'aws:kms' } });
}

/** Polls DescribeUserImportJob until the job has ended (bounded: 20 s). */
export async function waitForJob(s: TestServer, poolId: string, jobId: string): Promise<UserImportJobType> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = (await s.idp.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }))).UserImportJob!;
    if (['Succeeded', 'Failed', 'Stopped', 'Expired'].includes(job.Status!)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.Status} after 20 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
