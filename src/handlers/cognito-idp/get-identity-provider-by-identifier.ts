import { z } from 'zod';
import { operation } from '../operation.js';
import { str, userPoolId } from '../../user-pools/shapes.js';
import { describeByIdentifier } from '../../federation/providers.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetIdentityProviderByIdentifier',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), IdpIdentifier: str(1, 40, /^[\w\s+=.@-]+$/) }),
  run: async (input, { svc }) => ({ IdentityProvider: await describeByIdentifier(svc, input.UserPoolId, input.IdpIdentifier) }),
});
