import { z } from 'zod';
import { operation } from '../operation.js';
import { api, POOL_NAME, str } from '../../user-pools/shapes.js';
import { createPool, describePool } from '../../user-pools/pool-admin.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateUserPool',
  auth: 'iam',
  compat: { status: 'partial', missing: 'DcrConfiguration, KeyConfiguration, IssuerConfiguration, AcrConfiguration and the SES/SNS settings are stored and returned but have no effect; no pool-count limit' },
  input: z.object({ PoolName: str(1, 128, POOL_NAME), ...api.pool }),
  run: async (input, { svc }) => {
    const pool = await createPool(svc, input);
    return { UserPool: await describePool(svc, pool.id) };
  },
});
