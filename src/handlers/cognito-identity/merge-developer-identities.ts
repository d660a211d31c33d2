import { z } from 'zod';
import { operation } from '../operation.js';
import { developerProviderName, developerUserIdentifier, identityPoolId } from '../../identity-pools/shapes.js';
import { mergeDeveloperIdentities } from '../../identity-pools/developer.js';

export default operation({
  service: 'cognito-identity',
  name: 'MergeDeveloperIdentities',
  auth: 'iam',
  input: z.object({
    SourceUserIdentifier: developerUserIdentifier(),
    DestinationUserIdentifier: developerUserIdentifier(),
    DeveloperProviderName: developerProviderName(),
    IdentityPoolId: identityPoolId(),
  }),
  run: async (input, { svc }) => mergeDeveloperIdentities(svc, input),
});
