import { z } from 'zod';
import { operation } from '../operation.js';
import { api, POOL_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { updatePool } from '../../user-pools/pool-admin.js';

/** Full replace: members left out go back to their defaults (Schema and sign-in attributes cannot change). */
export default operation({
  service: 'cognito-idp',
  name: 'UpdateUserPool',
  auth: 'iam',
  compat: { status: 'partial', missing: 'DcrConfiguration, KeyConfiguration, IssuerConfiguration, AcrConfiguration and the SES/SNS settings are stored and returned but have no effect' },
  input: z.object({
    UserPoolId: userPoolId(),
    PoolName: str(1, 128, POOL_NAME).optional(),
    ...api.pool,
    Schema: z.undefined({ invalid_type_error: 'Schema cannot be changed after a pool is created; use AddCustomAttributes' }).optional(),
    AliasAttributes: z.undefined({ invalid_type_error: 'AliasAttributes cannot be changed after a pool is created' }).optional(),
    UsernameAttributes: z.undefined({ invalid_type_error: 'UsernameAttributes cannot be changed after a pool is created' }).optional(),
    UsernameConfiguration: z.undefined({ invalid_type_error: 'UsernameConfiguration cannot be changed after a pool is created' }).optional(),
  }),
  run: async (input, { svc }) => {
    await updatePool(svc, input);
    return {};
  },
});
