import { z } from 'zod';
import { operation } from '../operation.js';
import { identityPoolId, poolSettings } from '../../identity-pools/shapes.js';
import { updateIdentityPool } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'UpdateIdentityPool',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId(), ...poolSettings }),
  run: async ({ IdentityPoolId, ...input }, { svc }) => updateIdentityPool(svc, IdentityPoolId, input),
});
