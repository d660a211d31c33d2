import { z } from 'zod';
import { operation } from '../operation.js';
import { LOGINS_COMPAT } from '../../identity-pools/logins.js';
import { str } from '../../user-pools/shapes.js';
import { identityId, logins } from '../../identity-pools/shapes.js';
import { identityForUnlink } from '../../identity-pools/flows.js';
import { unlinkIdentity } from '../../identity-pools/identities.js';

export default operation({
  service: 'cognito-identity',
  name: 'UnlinkIdentity',
  auth: 'none',
  compat: LOGINS_COMPAT,
  input: z.object({ IdentityId: identityId(), Logins: logins(), LoginsToRemove: z.array(str(1, 128)) }),
  run: async (input, { svc }) => {
    const { pool, verified } = await identityForUnlink(svc, input.IdentityId, input.Logins);
    await unlinkIdentity(svc, pool, input.IdentityId, verified, input.LoginsToRemove);
    return {};
  },
});
