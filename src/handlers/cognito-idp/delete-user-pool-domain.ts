/** DeleteUserPoolDomain: the pool's hosted UI stops answering at that domain. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { deleteDomain } from '../../hosted-ui/domains.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteUserPoolDomain',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), Domain: z.string().min(1).max(253) }),
  run: async (input, { svc }) => {
    await deleteDomain(svc, input.UserPoolId, input.Domain);
    return {};
  },
});
