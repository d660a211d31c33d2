import { z } from 'zod';
import { operation } from '../operation.js';
import { identityId, identityPoolId, logins, principalTags, tokenDuration } from '../../identity-pools/shapes.js';
import { getOpenIdTokenForDeveloperIdentity } from '../../identity-pools/developer.js';

export default operation({
  service: 'cognito-identity',
  name: 'GetOpenIdTokenForDeveloperIdentity',
  auth: 'iam',
  input: z.object({
    IdentityPoolId: identityPoolId(),
    IdentityId: identityId().optional(),
    Logins: logins(),
    PrincipalTags: principalTags().optional(),
    TokenDuration: tokenDuration().optional(),
  }),
  run: async (input, { svc }) => getOpenIdTokenForDeveloperIdentity(svc, input),
});
