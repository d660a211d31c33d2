import { z } from 'zod';
import { operation } from '../operation.js';
import { listRoles, roleView } from '../../iam-admin/roles.js';
import { marker, maxItems, pathPrefix, resources } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'ListRoles',
  auth: 'iam',
  input: z.object({ PathPrefix: pathPrefix.optional(), Marker: marker, MaxItems: maxItems }),
  resource: (_i, svc) => resources.roles(svc),
  async run(input, { svc }) {
    const page = await listRoles(svc, input);
    return { Roles: page.roles.map(roleView), IsTruncated: page.marker !== undefined, ...(page.marker ? { Marker: page.marker } : {}) };
  },
});
