import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { identifier } from '../../oauth/resource-server-shapes.js';
import { deleteResourceServer } from '../../oauth/resource-servers.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteResourceServer',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), Identifier: identifier() }),
  run: async (input, { svc }) => {
    await deleteResourceServer(svc, input.UserPoolId, input.Identifier);
    return {};
  },
});
