import { z } from 'zod';
import { operation } from '../operation.js';
import { iamErrors } from '../../iam-admin/errors.js';
import { createUserAccessKey } from '../../iam-admin/users.js';
import { resources, userName } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'CreateAccessKey',
  auth: 'iam',
  input: z.object({ UserName: userName.optional() }),
  resource: (i, svc) => resources.user(svc, i.UserName ?? '*'),
  async run(input, { svc, caller }) {
    // Without UserName IAM uses the caller's own user; only IAM users have one here (operator keys come from the CLI).
    const name = input.UserName ?? (caller?.kind === 'user' ? caller.arn.split('/').pop() : undefined);
    if (!name) throw iamErrors.validation('UserName is required: operator keys are created with `cognate keys create`, not CreateAccessKey.');
    return { AccessKey: await createUserAccessKey(svc, name) };
  },
});
