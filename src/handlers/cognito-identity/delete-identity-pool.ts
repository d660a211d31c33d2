import { z } from 'zod';
import { operation } from '../operation.js';
import { identityPoolId } from '../../identity-pools/shapes.js';
import { deleteIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'DeleteIdentityPool',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId() }),
  run: async (input, { svc }) => {
    await deleteIdentityPool(svc, input.IdentityPoolId);
    return {};
  },
});
