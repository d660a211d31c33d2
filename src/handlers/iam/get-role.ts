import { z } from 'zod';
import { operation } from '../operation.js';
import { getRole, roleView } from '../../iam-admin/roles.js';
import { resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'GetRole',
  auth: 'iam',
  input: z.object({ RoleName: roleName }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    return { Role: roleView(await getRole(svc, input.RoleName)) };
  },
});
