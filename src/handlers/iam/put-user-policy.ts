import { z } from 'zod';
import { operation } from '../operation.js';
import { putUserPolicy } from '../../iam-admin/users.js';
import { policyDocument, policyName, resources, userName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'PutUserPolicy',
  auth: 'iam',
  input: z.object({ UserName: userName, PolicyName: policyName, PolicyDocument: policyDocument }),
  resource: (i, svc) => resources.user(svc, i.UserName),
  async run(input, { svc }) {
    await putUserPolicy(svc, input.UserName, input.PolicyName, input.PolicyDocument);
    return undefined;
  },
});
