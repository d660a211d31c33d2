/** AdminConfirmSignUp (IAM): confirms an UNCONFIRMED user without a code. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { adminConfirmSignUp } from '../../users/admin.js';
import { clientMetadata, poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminConfirmSignUp',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, ClientMetadata: clientMetadata }),
  run: async (input, ctx) => {
    await adminConfirmSignUp(ctx.svc, await getPool(ctx.svc, input.UserPoolId), input.Username);
    return {};
  },
});
