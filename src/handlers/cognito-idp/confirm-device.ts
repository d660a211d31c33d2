/** ConfirmDevice (access token): stores the device's SRP verifier; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { confirmDevice } from '../../devices/devices.js';
import { deviceKey } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ConfirmDevice',
  auth: 'none',
  input: z.object({
    AccessToken: accessToken,
    DeviceKey: deviceKey,
    DeviceSecretVerifierConfig: z.object({ PasswordVerifier: z.string().optional(), Salt: z.string().optional() }).optional(),
    DeviceName: z.string().min(1).max(1024).optional(),
  }),
  run: async ({ AccessToken, ...rest }, { svc }) => {
    const c = await tokenCaller(svc, AccessToken);
    return confirmDevice(svc, c.pool, c.user, rest);
  },
});
