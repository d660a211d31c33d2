import { z } from 'zod';
import { operation } from '../operation.js';
import { clientId, userPoolId } from '../../user-pools/shapes.js';
import { getPoolClient } from '../../user-pools/pools.js';
import { describedClient } from '../../user-pools/clients.js';

/** Returns the client's settings with its plain ClientSecret, as Cognito does. */
export default operation({
  service: 'cognito-idp',
  name: 'DescribeUserPoolClient',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId(), ClientId: clientId() }),
  run: async (input, { svc }) => ({ UserPoolClient: describedClient(await getPoolClient(svc, input.UserPoolId, input.ClientId)) }),
});
