/** AdminUpdateUserAttributes (IAM): any attribute, including the verified flags. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { updateAttributes } from '../../users/attribute-updates.js';
import { attributeList, clientMetadata, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminUpdateUserAttributes',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, UserAttributes: attributeList, ClientMetadata: clientMetadata }),
  run: async (input, ctx) => {
    const pool = await getPool(ctx.svc, input.UserPoolId);
    await updateAttributes(ctx.svc, pool, await requireUser(ctx.svc, pool, input.Username), input.UserAttributes, { admin: true });
    return {};
  },
});
