import { z } from 'zod';
import { operation } from '../operation.js';
import { createUser, userView } from '../../iam-admin/users.js';
import { path, resources, tags, userName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'CreateUser',
  auth: 'iam',
  compat: { status: 'partial', missing: 'PermissionsBoundary is not supported' },
  input: z.object({ UserName: userName, Path: path.optional(), Tags: tags }),
  resource: (i, svc) => resources.user(svc, i.UserName),
  async run(input, { svc }) {
    return { User: userView(svc, await createUser(svc, input)) };
  },
});
