/** GetUserAttributeVerificationCode (access token): a code to verify e-mail or phone. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getVerificationCode } from '../../users/attribute-updates.js';
import { accessToken, clientMetadata, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetUserAttributeVerificationCode',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, AttributeName: z.string().min(1).max(32), ClientMetadata: clientMetadata }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    return { CodeDeliveryDetails: await getVerificationCode(ctx.svc, c.pool, c.user, input.AttributeName) };
  },
});
