/** AdminListDevices (IAM): ListDevices for any user of the pool; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { listDevices } from '../../devices/devices.js';
import { deviceLimit, paginationToken } from '../../mfa/wire.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminListDevices',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, Limit: deviceLimit, PaginationToken: paginationToken }),
  run: async (input, { svc }) => {
    const pool = await getPool(svc, input.UserPoolId);
    const c = { pool, user: await requireUser(svc, pool, input.Username) };
    return listDevices(svc, c.pool, c.user, input.Limit, input.PaginationToken);
  },
});
