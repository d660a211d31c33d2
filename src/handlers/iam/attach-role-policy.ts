import { z } from 'zod';
import { operation } from '../operation.js';
import { attachRolePolicy } from '../../iam-admin/roles.js';
import { arn, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'AttachRolePolicy',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PolicyArn: arn }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await attachRolePolicy(svc, input.RoleName, input.PolicyArn);
    return undefined;
  },
});
