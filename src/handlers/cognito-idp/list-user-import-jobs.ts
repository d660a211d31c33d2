/** ListUserImportJobs (IAM): the pool's jobs, paged by PaginationToken. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { int, str, userPoolId } from '../../user-pools/shapes.js';
import { listImportJobs } from '../../user-import/jobs.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListUserImportJobs',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), MaxResults: int(1, 60), PaginationToken: str(1, 131072, /^[\S]+$/).optional() }),
  run: async (input, { svc }) => listImportJobs(svc, input.UserPoolId, input.MaxResults, input.PaginationToken),
});
