import { z } from 'zod';
import { operation } from '../operation.js';
import { str } from '../../user-pools/shapes.js';
import { identityPoolId } from '../../identity-pools/shapes.js';
import { getPrincipalTagMap } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetPrincipalTagAttributeMap',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId(), IdentityProviderName: str(1, 128) }),
  run: async (input, { svc }) => getPrincipalTagMap(svc, input.IdentityPoolId, input.IdentityProviderName),
});
