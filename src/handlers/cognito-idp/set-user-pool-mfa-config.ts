import { z } from 'zod';
import { operation } from '../operation.js';
import { api, bool, enumOf, str, userPoolId } from '../../user-pools/shapes.js';
import { setMfaConfig } from '../../user-pools/mfa-config.js';

/** Factors are a full set (one left out is turned off); an omitted MfaConfiguration keeps the current mode. */
export default operation({
  service: 'cognito-idp',
  name: 'SetUserPoolMfaConfig',
  auth: 'iam',
  input: z.object({
    UserPoolId: userPoolId(),
    SmsMfaConfiguration: z.object({ SmsAuthenticationMessage: str(6, 140).optional(), SmsConfiguration: api.pool.SmsConfiguration }).optional(),
    SoftwareTokenMfaConfiguration: z.object({ Enabled: bool().optional() }).optional(),
    EmailMfaConfiguration: z.object({ Message: str(6, 20000).optional(), Subject: str(1, 140).optional() }).optional(),
    MfaConfiguration: enumOf(['OFF', 'ON', 'OPTIONAL']).optional(),
    WebAuthnConfiguration: z
      .object({
        RelyingPartyId: str(1, 63).optional(),
        UserVerification: enumOf(['required', 'preferred']).optional(),
        FactorConfiguration: enumOf(['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']).optional(),
      })
      .optional(),
  }),
  run: async ({ UserPoolId, ...rest }, { svc }) => setMfaConfig(svc, UserPoolId, rest),
});
