/** SetUserSettings (access token): the legacy SMS MFA opt-in through MFAOptions. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { setUserSettings } from '../../mfa/settings.js';
import { mfaOptions } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'SetUserSettings',
  auth: 'none',
  input: z.object({ AccessToken: accessToken, MFAOptions: mfaOptions }),
  run: async ({ AccessToken, MFAOptions }, { svc }) => {
    const c = await tokenCaller(svc, AccessToken);
    await setUserSettings(svc, c.user, MFAOptions);
    return {};
  },
});
