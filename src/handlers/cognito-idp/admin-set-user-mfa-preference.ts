/** AdminSetUserMFAPreference (IAM): SetUserMFAPreference for any user of the pool. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { errors } from '../../errors.js';
import { setMfaPreference } from '../../mfa/settings.js';
import { preferenceFields } from '../../mfa/wire.js';
import { getPool } from '../../user-pools/pools.js';
import { requireUser } from '../../users/lookup.js';
import { poolId, username } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminSetUserMFAPreference',
  auth: 'iam',
  compat: { status: 'partial', missing: 'WebAuthnMfaSettings (passkeys) is refused' },
  input: z.object({ UserPoolId: poolId, Username: username, ...preferenceFields }),
  run: async ({ UserPoolId, Username, WebAuthnMfaSettings, ...rest }, { svc }) => {
    if (WebAuthnMfaSettings?.Enabled) throw errors.invalidParameter('WebAuthn (passkey) MFA is not available on this server.');
    const pool = await getPool(svc, UserPoolId);
    await setMfaPreference(svc, pool, await requireUser(svc, pool, Username), rest);
    return {};
  },
});
