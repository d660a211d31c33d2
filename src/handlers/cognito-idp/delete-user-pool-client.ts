import { z } from 'zod';
import { operation } from '../operation.js';
import { clientId, userPoolId } from '../../user-pools/shapes.js';
import { deleteClient } from '../../user-pools/clients.js';

export default operation({
  service: 'cognito-idp',
  name: 'DeleteUserPoolClient',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), ClientId: clientId() }),
  run: async (input, { svc }) => {
    await deleteClient(svc, input.UserPoolId, input.ClientId);
    return {};
  },
});
