import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteUserAccessKey } from '../../iam-admin/users.js';
import { resources, userName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DeleteAccessKey',
  auth: 'iam',
  input: z.object({ UserName: userName.optional(), AccessKeyId: z.string().min(16).max(128).regex(/^\w+$/) }),
  resource: (i, svc) => resources.user(svc, i.UserName ?? '*'),
  async run(input, { svc }) {
    await deleteUserAccessKey(svc, input.AccessKeyId, input.UserName);
    return undefined;
  },
});
