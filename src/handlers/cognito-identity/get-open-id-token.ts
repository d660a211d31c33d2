import { z } from 'zod';
import { operation } from '../operation.js';
import { LOGINS_COMPAT } from '../../identity-pools/logins.js';
import { identityId, logins } from '../../identity-pools/shapes.js';
import { getOpenIdToken } from '../../identity-pools/flows.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetOpenIdToken',
  auth: 'none',
  compat: LOGINS_COMPAT,
  input: z.object({ IdentityId: identityId(), Logins: logins().optional() }),
  run: async (input, { svc }) => getOpenIdToken(svc, input.IdentityId, input.Logins),
});
