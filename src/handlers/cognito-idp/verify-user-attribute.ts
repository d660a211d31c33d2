/** VerifyUserAttribute (access token): the code marks e-mail/phone verified (and applies a pending value). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { verifyAttribute } from '../../users/attribute-updates.js';
import { accessToken, code, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'VerifyUserAttribute',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, AttributeName: z.string().min(1).max(32), Code: code }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    await verifyAttribute(ctx.svc, c.pool, c.user, input.AttributeName, input.Code);
    return {};
  },
});
