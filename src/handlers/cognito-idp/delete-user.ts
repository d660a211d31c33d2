/** DeleteUser (access token): the caller deletes itself; its tokens stop working at once. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteUserRecord } from '../../users/admin.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteUser',
  auth: 'none',
  input: z.object({ AccessToken: accessToken }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    await deleteUserRecord(ctx.svc, c.pool, c.user);
    return {};
  },
});
