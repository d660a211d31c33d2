import { z } from 'zod';
import { operation } from '../operation.js';
import { developerProviderName, developerUserIdentifier, identityId, identityPoolId } from '../../identity-pools/shapes.js';
import { unlinkDeveloperIdentity } from '../../identity-pools/developer.js';

export default operation({
  service: 'cognito-identity',
  name: 'UnlinkDeveloperIdentity',
  auth: 'iam',
  input: z.object({
    IdentityId: identityId(),
    IdentityPoolId: identityPoolId(),
    DeveloperProviderName: developerProviderName(),
    DeveloperUserIdentifier: developerUserIdentifier(),
  }),
  run: async (input, { svc }) => {
    await unlinkDeveloperIdentity(svc, input);
    return {};
  },
});
