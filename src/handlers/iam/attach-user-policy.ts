import { z } from 'zod';
import { operation } from '../operation.js';
import { attachUserPolicy } from '../../iam-admin/users.js';
import { arn, resources, userName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'AttachUserPolicy',
  auth: 'iam',
  input: z.object({ UserName: userName, PolicyArn: arn }),
  resource: (i, svc) => resources.user(svc, i.UserName),
  async run(input, { svc }) {
    await attachUserPolicy(svc, input.UserName, input.PolicyArn);
    return undefined;
  },
});
