/** ChangePassword (access token): the previous password must be right. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { changePassword } from '../../users/recovery.js';
import { accessToken, password, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'ChangePassword',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, PreviousPassword: password.optional(), ProposedPassword: password }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    await changePassword(ctx.svc, c.pool, c.user, input.PreviousPassword, input.ProposedPassword);
    return {};
  },
});
