import { z } from 'zod';
import { operation } from '../operation.js';
import { LOGINS_COMPAT } from '../../identity-pools/logins.js';
import { str } from '../../user-pools/shapes.js';
import { identityPoolId, logins } from '../../identity-pools/shapes.js';
import { getId } from '../../identity-pools/flows.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetId',
  auth: 'none',
  compat: LOGINS_COMPAT,
  input: z.object({ IdentityPoolId: identityPoolId(), AccountId: str(1, 15, /^\d+$/).optional(), Logins: logins().optional() }),
  run: async (input, { svc }) => getId(svc, input.IdentityPoolId, input.Logins),
});
