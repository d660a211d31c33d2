/** VerifySoftwareToken (access token or MFA_SETUP Session): proves the TOTP app holds the seed; rules in src/mfa/. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { verifySoftwareToken } from '../../mfa/software-token.js';

export default operation({
  service: 'cognito-idp',
  name: 'VerifySoftwareToken',
  auth: 'none',
  input: z.object({
    AccessToken: z.string().min(1).optional(),
    Session: z.string().min(20).max(2048).optional(),
    UserCode: z.string().length(6).regex(/^[0-9]+$/, 'Member must satisfy regular expression pattern: [0-9]+'),
    FriendlyDeviceName: z.string().max(131072).optional(),
  }),
  run: (input, { svc }) => verifySoftwareToken(svc, input),
});
