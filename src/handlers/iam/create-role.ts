import { z } from 'zod';
import { operation } from '../operation.js';
import { createRole, roleView } from '../../iam-admin/roles.js';
import { description, path, policyDocument, qIntSession, resources, roleName, tags } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'CreateRole',
  auth: 'iam',
  compat: { status: 'partial', missing: 'PermissionsBoundary is not supported' },
  input: z.object({
    RoleName: roleName,
    AssumeRolePolicyDocument: policyDocument,
    Path: path.optional(),
    Description: description.optional(),
    MaxSessionDuration: qIntSession.optional(),
    Tags: tags,
  }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    return { Role: roleView(await createRole(svc, input)) };
  },
});
