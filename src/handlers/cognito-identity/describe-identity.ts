import { z } from 'zod';
import { operation } from '../operation.js';
import { identityId } from '../../identity-pools/shapes.js';
import { describeIdentity } from '../../identity-pools/identities.js';

export default operation({
  service: 'cognito-identity',
  name: 'DescribeIdentity',
  auth: 'iam',
  input: z.object({ IdentityId: identityId() }),
  run: async (input, { svc }) => describeIdentity(svc, input.IdentityId),
});
