/** UpdateDeviceStatus (access token): the caller's devices; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { updateDeviceStatus } from '../../devices/devices.js';
import { deviceKey, rememberedStatus } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'UpdateDeviceStatus',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, DeviceKey: deviceKey, DeviceRememberedStatus: rememberedStatus }),
  run: async (input, { svc }) => {
    const c = await tokenCaller(svc, input.AccessToken);
    await updateDeviceStatus(svc, c.pool, c.user, input.DeviceKey, input.DeviceRememberedStatus);
    return {};
  },
});
