import { z } from 'zod';
import { operation } from '../operation.js';
import { getRole, getRolePolicy } from '../../iam-admin/roles.js';
import { encodeDocument } from '../../iam-admin/arns.js';
import { policyName, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'GetRolePolicy',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PolicyName: policyName }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    const document = await getRolePolicy(svc, input.RoleName, input.PolicyName);
    const role = await getRole(svc, input.RoleName);
    return { RoleName: role.name, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(document) };
  },
});
