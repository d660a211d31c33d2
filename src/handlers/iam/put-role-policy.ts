import { z } from 'zod';
import { operation } from '../operation.js';
import { putRolePolicy } from '../../iam-admin/roles.js';
import { policyDocument, policyName, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'PutRolePolicy',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PolicyName: policyName, PolicyDocument: policyDocument }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await putRolePolicy(svc, input.RoleName, input.PolicyName, input.PolicyDocument);
    return undefined;
  },
});
