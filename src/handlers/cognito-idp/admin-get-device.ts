/** AdminGetDevice (IAM): GetDevice for any user of the pool; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getDevice } from '../../devices/devices.js';
import { deviceKey } from '../../mfa/wire.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminGetDevice',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey }),
  run: async (input, { svc }) => {
    const pool = await getPool(svc, input.UserPoolId);
    const c = { pool, user: await requireUser(svc, pool, input.Username) };
    return getDevice(svc, c.pool, c.user, input.DeviceKey);
  },
});
