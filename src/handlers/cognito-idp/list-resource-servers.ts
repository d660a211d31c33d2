import { z } from 'zod';
import { operation } from '../operation.js';
import { int, str, userPoolId } from '../../user-pools/shapes.js';
import { listResourceServers } from '../../oauth/resource-servers.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListResourceServers',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), MaxResults: int(1, 50).optional(), NextToken: str(1, 131072, /^[\S]+$/).optional() }),
  run: async (input, { svc }) => listResourceServers(svc, input.UserPoolId, input.MaxResults ?? 50, input.NextToken),
});
