/** ListDevices (access token): the caller's devices; rules in src/devices/devices.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { listDevices } from '../../devices/devices.js';
import { deviceLimit, paginationToken } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListDevices',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, Limit: deviceLimit, PaginationToken: paginationToken }),
  run: async (input, { svc }) => {
    const c = await tokenCaller(svc, input.AccessToken);
    return listDevices(svc, c.pool, c.user, input.Limit, input.PaginationToken);
  },
});
