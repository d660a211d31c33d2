/** AdminCreateUser (IAM): a FORCE_CHANGE_PASSWORD user with a temporary password and an invitation. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminCreateUser } from '../../users/admin.js';
import { attributeList, clientMetadata, password, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminCreateUser',
  auth: 'iam',
  input: z.object({
    UserPoolId: poolId,
    Username: username,
    UserAttributes: attributeList.optional(),
    ValidationData: attributeList.optional(),
    TemporaryPassword: password.optional(),
    ForceAliasCreation: z.boolean().optional(),
    MessageAction: z.enum(['RESEND', 'SUPPRESS']).optional(),
    DesiredDeliveryMediums: z.array(z.enum(['SMS', 'EMAIL'])).optional(),
    ClientMetadata: clientMetadata,
  }),
  run: async (input, ctx) => adminCreateUser(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input),
});
