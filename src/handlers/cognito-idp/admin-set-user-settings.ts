/** AdminSetUserSettings (IAM): the legacy SMS MFA opt-in through MFAOptions for any user. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { setUserSettings } from '../../mfa/settings.js';
import { mfaOptions } from '../../mfa/wire.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminSetUserSettings',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, Username: username, MFAOptions: mfaOptions }),
  run: async ({ UserPoolId, Username, MFAOptions }, { svc }) => {
    const pool = await getPool(svc, UserPoolId);
    await setUserSettings(svc, await requireUser(svc, pool, Username), MFAOptions);
    return {};
  },
});
