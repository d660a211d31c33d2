/** SetUserMFAPreference (access token): turns the caller's MFA factors on/off and picks the preferred one. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { errors } from '../../errors.js';
import { setMfaPreference } from '../../mfa/settings.js';
import { preferenceFields } from '../../mfa/wire.js';
import { accessToken, tokenCaller } from '../../users/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'SetUserMFAPreference',
  auth: 'none',
  compat: { status: 'partial', missing: 'WebAuthnMfaSettings (passkeys) is refused' },
  input: z.object({ AccessToken: accessToken, ...preferenceFields }),
  run: async ({ AccessToken, WebAuthnMfaSettings, ...rest }, { svc }) => {
    if (WebAuthnMfaSettings?.Enabled) throw errors.invalidParameter('WebAuthn (passkey) MFA is not available on this server.');
    const c = await tokenCaller(svc, AccessToken);
    await setMfaPreference(svc, c.pool, c.user, rest);
    return {};
  },
});
