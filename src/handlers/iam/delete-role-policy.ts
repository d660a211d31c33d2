import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteRolePolicy } from '../../iam-admin/roles.js';
import { policyName, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DeleteRolePolicy',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PolicyName: policyName }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await deleteRolePolicy(svc, input.RoleName, input.PolicyName);
    return undefined;
  },
});
