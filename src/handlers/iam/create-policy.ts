import { z } from 'zod';
import { operation } from '../operation.js';
import { createPolicy, policyView } from '../../iam-admin/policies.js';
import { description, path, policyDocument, policyName, resources, tags } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'CreatePolicy',
  auth: 'iam',
  compat: { status: 'partial', missing: 'one policy version (v1); CreatePolicyVersion and friends are not served' },
  input: z.object({ PolicyName: policyName, PolicyDocument: policyDocument, Path: path.optional(), Description: description.optional(), Tags: tags }),
  resource: (i, svc) => resources.policy(svc, i.PolicyName),
  async run(input, { svc }) {
    return { Policy: await policyView(svc, await createPolicy(svc, input)) };
  },
});
