import { z } from 'zod';
import { operation } from '../operation.js';
import { detachRolePolicy } from '../../iam-admin/roles.js';
import { arn, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DetachRolePolicy',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PolicyArn: arn }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await detachRolePolicy(svc, input.RoleName, input.PolicyArn);
    return undefined;
  },
});
