/** AssociateSoftwareToken (access token or MFA_SETUP Session): a new TOTP seed as base32 SecretCode; rules in src/mfa/. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { associateSoftwareToken } from '../../mfa/software-token.js';

export default operation({
  service: 'cognito-idp',
  name: 'AssociateSoftwareToken',
  auth: 'none',
  input: z.object({ AccessToken: z.string().min(1).optional(), Session: z.string().min(20).max(2048).optional() }),
  run: (input, { svc }) => associateSoftwareToken(svc, input),
});
