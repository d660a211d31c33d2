/** GetDevice (access token): the caller's devices; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getDevice } from '../../devices/devices.js';
import { deviceKey } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetDevice',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, DeviceKey: deviceKey }),
  run: async (input, { svc }) => {
    const c = await tokenCaller(svc, input.AccessToken);
    return getDevice(svc, c.pool, c.user, input.DeviceKey);
  },
});
