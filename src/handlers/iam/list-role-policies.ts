import { z } from 'zod';
import { operation } from '../operation.js';
import { listRolePolicies } from '../../iam-admin/roles.js';
import { marker, maxItems, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'ListRolePolicies',
  auth: 'iam',
  input: z.object({ RoleName: roleName, Marker: marker, MaxItems: maxItems }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    // A role holds at most a few inline policies (10 KiB in total), so one page always suffices.
    return { PolicyNames: await listRolePolicies(svc, input.RoleName), IsTruncated: false };
  },
});
