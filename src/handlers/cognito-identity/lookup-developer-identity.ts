import { z } from 'zod';
import { operation } from '../operation.js';
import { developerUserIdentifier, identityId, identityPoolId, maxResults, nextToken } from '../../identity-pools/shapes.js';
import { lookupDeveloperIdentity } from '../../identity-pools/developer.js';

export default operation({
  service: 'cognito-identity',
  name: 'LookupDeveloperIdentity',
  auth: 'iam',
  input: z.object({
    IdentityPoolId: identityPoolId(),
    IdentityId: identityId().optional(),
    DeveloperUserIdentifier: developerUserIdentifier().optional(),
    MaxResults: maxResults().optional(),
    NextToken: nextToken(),
  }),
  run: async (input, { svc }) => lookupDeveloperIdentity(svc, input),
});
