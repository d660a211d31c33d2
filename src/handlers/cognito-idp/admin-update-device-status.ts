/** AdminUpdateDeviceStatus (IAM): UpdateDeviceStatus for any user of the pool; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { updateDeviceStatus } from '../../devices/devices.js';
import { deviceKey, rememberedStatus } from '../../mfa/wire.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminUpdateDeviceStatus',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey, DeviceRememberedStatus: rememberedStatus }),
  run: async (input, { svc }) => {
    const pool = await getPool(svc, input.UserPoolId);
    const c = { pool, user: await requireUser(svc, pool, input.Username) };
    await updateDeviceStatus(svc, c.pool, c.user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});
