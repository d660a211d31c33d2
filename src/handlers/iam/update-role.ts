import { z } from 'zod';
import { operation } from '../operation.js';
import { updateRole } from '../../iam-admin/roles.js';
import { description, qIntSession, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'UpdateRole',
  auth: 'iam',
  input: z.object({ RoleName: roleName, Description: description.optional(), MaxSessionDuration: qIntSession.optional() }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    await updateRole(svc, input.RoleName, input);
    return {};
  },
});
