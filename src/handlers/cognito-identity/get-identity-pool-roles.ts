import { z } from 'zod';
import { operation } from '../operation.js';
import { identityPoolId } from '../../identity-pools/shapes.js';
import { getIdentityPoolRoles } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetIdentityPoolRoles',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId() }),
  run: async (input, { svc }) => getIdentityPoolRoles(svc, input.IdentityPoolId),
});
