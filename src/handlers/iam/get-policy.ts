import { z } from 'zod';
import { operation } from '../operation.js';
import { getPolicy, policyView } from '../../iam-admin/policies.js';
import { arn } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'GetPolicy',
  auth: 'iam',
  input: z.object({ PolicyArn: arn }),
  resource: (i) => i.PolicyArn,
  async run(input, { svc }) {
    return { Policy: await policyView(svc, await getPolicy(svc, input.PolicyArn)) };
  },
});
