import { z } from 'zod';
import { operation } from '../operation.js';
import { listAttachedRolePolicies } from '../../iam-admin/roles.js';
import { marker, maxItems, pathPrefix, resources, roleName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'ListAttachedRolePolicies',
  auth: 'iam',
  input: z.object({ RoleName: roleName, PathPrefix: pathPrefix.optional(), Marker: marker, MaxItems: maxItems }),
  resource: (i, svc) => resources.role(svc, i.RoleName),
  async run(input, { svc }) {
    // IAM caps attachments per role at 20, so one page always suffices.
    return { AttachedPolicies: await listAttachedRolePolicies(svc, input.RoleName), IsTruncated: false };
  },
});
