import { z } from 'zod';
import { operation } from '../operation.js';
import { identityPoolId, roleMappings, roles } from '../../identity-pools/shapes.js';
import { setIdentityPoolRoles } from '../../identity-pools/pools.js';

export default operation({
  service: 'cognito-identity',
  name: 'SetIdentityPoolRoles',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId(), Roles: roles(), RoleMappings: roleMappings().optional() }),
  run: async (input, { svc }) => {
    await setIdentityPoolRoles(svc, input.IdentityPoolId, input.Roles, input.RoleMappings);
    return {};
  },
});
