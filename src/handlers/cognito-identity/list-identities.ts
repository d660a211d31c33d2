import { z } from 'zod';
import { operation } from '../operation.js';
import { bool } from '../../user-pools/shapes.js';
import { identityPoolId, maxResults, nextToken } from '../../identity-pools/shapes.js';
import { getIdentityPool } from '../../identity-pools/pools.js';
import { listIdentities } from '../../identity-pools/identities.js';

export default operation({
  service: 'cognito-identity',
  name: 'ListIdentities',
  auth: 'iam',
  input: z.object({ IdentityPoolId: identityPoolId(), MaxResults: maxResults(), NextToken: nextToken(), HideDisabled: bool().optional() }),
  run: async (input, { svc }) =>
    listIdentities(svc, await getIdentityPool(svc, input.IdentityPoolId), input.MaxResults, input.NextToken, input.HideDisabled ?? false),
});
