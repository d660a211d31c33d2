/** StopUserImportJob (IAM): Pending/InProgress → Stopping; the import ends as Stopped after its current batch. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { stopImportJob } from '../../user-import/jobs.js';
import { jobId } from '../../user-import/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'StopUserImportJob',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), JobId: jobId() }),
  run: async (input, { svc }) => stopImportJob(svc, input.UserPoolId, input.JobId),
});
