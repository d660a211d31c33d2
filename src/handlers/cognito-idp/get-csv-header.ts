/** GetCSVHeader (IAM): the columns of a user import file for the pool. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { getPool } from '../../user-pools/pools.js';
import { csvHeader } from '../../user-import/rows.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetCSVHeader',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId() }),
  run: async (input, { svc }) => ({ UserPoolId: input.UserPoolId, CSVHeader: csvHeader(await getPool(svc, input.UserPoolId)) }),
});
