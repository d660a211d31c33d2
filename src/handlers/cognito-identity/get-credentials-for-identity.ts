import { z } from 'zod';
import { operation } from '../operation.js';
import { LOGINS_COMPAT } from '../../identity-pools/logins.js';
import { arn, identityId, logins } from '../../identity-pools/shapes.js';
import { getCredentialsForIdentity } from '../../identity-pools/credentials.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetCredentialsForIdentity',
  auth: 'none',
  compat: LOGINS_COMPAT,
  input: z.object({ IdentityId: identityId(), Logins: logins().optional(), CustomRoleArn: arn().optional() }),
  run: async (input, { svc }) => getCredentialsForIdentity(svc, input),
});
