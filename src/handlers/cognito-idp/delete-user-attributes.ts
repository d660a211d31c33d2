/** DeleteUserAttributes (access token): removes writable, non-required attributes. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteAttributes } from '../../users/attribute-updates.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteUserAttributes',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, UserAttributeNames: z.array(z.string().min(1).max(32)) }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    await deleteAttributes(ctx.svc, c.pool, c.user, input.UserAttributeNames, { admin: false, client: c.client });
    return {};
  },
});
