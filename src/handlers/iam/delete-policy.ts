import { z } from 'zod';
import { operation } from '../operation.js';
import { deletePolicy } from '../../iam-admin/policies.js';
import { arn } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DeletePolicy',
  auth: 'iam',
  input: z.object({ PolicyArn: arn }),
  resource: (i) => i.PolicyArn,
  async run(input, { svc }) {
    await deletePolicy(svc, input.PolicyArn);
    return undefined;
  },
});
