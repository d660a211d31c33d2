/** DescribeUserImportJob (IAM): status, counts and CompletionMessage (with the first failed rows' reasons). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { describeImportJob } from '../../user-import/jobs.js';
import { jobId } from '../../user-import/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'DescribeUserImportJob',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), JobId: jobId() }),
  run: async (input, { svc }) => ({ UserImportJob: await describeImportJob(svc, input.UserPoolId, input.JobId) }),
});
