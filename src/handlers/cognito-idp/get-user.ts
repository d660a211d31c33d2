/** GetUser (access token): the caller's attributes, as its app client may read them. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { errors } from '../../errors.js';
import { clientReads } from '../../users/attributes.js';
import { getUserView } from '../../users/views.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetUser',
  auth: 'none',
  input: z.object({ AccessToken: accessToken }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    if (c.user.status === 'RESET_REQUIRED') throw errors.passwordResetRequired('Password reset required for the user');
    return getUserView(c.user, clientReads(c.client));
  },
});
