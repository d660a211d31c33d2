import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteRole } from '../../iam-admin/roles.js';
import { resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DeleteRole',
  auth: 'iam',
  input: z.object({ RoleName: roleName }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await deleteRole(svc, input.RoleName);
    return undefined;
  },
});
