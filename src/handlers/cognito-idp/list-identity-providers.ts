import { z } from 'zod';
import { operation } from '../operation.js';
import { int, str, userPoolId } from '../../user-pools/shapes.js';
import { listProviders } from '../../federation/providers.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListIdentityProviders',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), MaxResults: int(1, 60).optional(), NextToken: str(1, 131072).optional() }),
  run: async (input, { svc }) => listProviders(svc, input.UserPoolId, input.MaxResults ?? 60, input.NextToken),
});
