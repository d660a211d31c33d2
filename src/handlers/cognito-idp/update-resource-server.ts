import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { identifier, resourceServerName, scopes } from '../../oauth/resource-server-shapes.js';
import { updateResourceServer } from '../../oauth/resource-servers.js';

export default operation({
  service: 'cognito-idp',
  name: 'UpdateResourceServer',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), Identifier: identifier(), Name: resourceServerName(), Scopes: scopes().optional() }),
  run: async (input, { svc }) => ({ ResourceServer: await updateResourceServer(svc, input) }),
});
