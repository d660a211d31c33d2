import { z } from 'zod';
import { operation } from '../operation.js';
import { bool, str } from '../../user-pools/shapes.js';
import { identityPoolId, principalTags } from '../../identity-pools/shapes.js';
import { setPrincipalTagMap } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'SetPrincipalTagAttributeMap',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId(), IdentityProviderName: str(1, 128), UseDefaults: bool().optional(), PrincipalTags: principalTags().optional() }),
  run: async (input, { svc }) =>
    setPrincipalTagMap(svc, input.IdentityPoolId, input.IdentityProviderName, { UseDefaults: input.UseDefaults ?? false, PrincipalTags: input.PrincipalTags ?? {} }),
});
