/** StartUserImportJob (IAM): Created → Pending; this node then imports the uploaded file. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { startImportJob } from '../../user-import/jobs.js';
import { jobId } from '../../user-import/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'StartUserImportJob',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), JobId: jobId() }),
  run: async (input, { svc }) => startImportJob(svc, input.UserPoolId, input.JobId),
});
