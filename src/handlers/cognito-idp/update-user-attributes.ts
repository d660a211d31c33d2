/** UpdateUserAttributes (access token): writable attributes; codes for changed auto-verified e-mail/phone. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { updateAttributes } from '../../users/attribute-updates.js';
import { accessToken, attributeList, clientMetadata, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'UpdateUserAttributes',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, UserAttributes: attributeList, ClientMetadata: clientMetadata }),
  run: async (input, ctx) => {
    const c = await tokenCaller(ctx.svc, input.AccessToken);
    const list = await updateAttributes(ctx.svc, c.pool, c.user, input.UserAttributes, { admin: false, client: c.client });
    return list.length ? { CodeDeliveryDetailsList: list } : {};
  },
});
