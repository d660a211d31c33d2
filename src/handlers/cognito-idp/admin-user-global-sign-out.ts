/** AdminUserGlobalSignOut (IAM): GlobalSignOut for a named user. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { revokeUserTokens } from '../../tokens/revocation.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminUserGlobalSignOut',
  auth: 'iam',
  input: z.object({
    UserPoolId: z.string().min(1).max(55).regex(/^[\w-]+_[0-9a-zA-Z]+$/),
    Username: z.string().min(1).max(128),
  }),
  run: async (input, { svc }) => {
    const pool = await getPool(svc, input.UserPoolId);
    const user = await requireUser(svc, pool, input.Username);
    await revokeUserTokens(svc, pool.id, user.usernameKey);
    return {};
  },
});
