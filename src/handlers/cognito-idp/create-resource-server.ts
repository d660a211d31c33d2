import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { identifier, resourceServerName, scopes } from '../../oauth/resource-server-shapes.js';
import { createResourceServer } from '../../oauth/resource-servers.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateResourceServer',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), Identifier: identifier(), Name: resourceServerName(), Scopes: scopes().optional() }),
  run: async (input, { svc }) => ({ ResourceServer: await createResourceServer(svc, input) }),
});
