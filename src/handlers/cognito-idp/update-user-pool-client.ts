import { z } from 'zod';
import { operation } from '../operation.js';
import { api, CLIENT_NAME, clientId, str, userPoolId } from '../../user-pools/shapes.js';
import { describedClient, updateClient } from '../../user-pools/clients.js';

/** Full replace: settings left out go back to their defaults; the name, secret and creation date are kept. */
export default operation({
  service: 'cognito-idp',
  name: 'UpdateUserPoolClient',
  auth: 'iam',
  compat: { status: 'partial', missing: 'resource-server scopes are refused until those resources exist; AnalyticsConfiguration is stored without effect' },
  input: z.object({ UserPoolId: userPoolId(), ClientId: clientId(), ClientName: str(1, 128, CLIENT_NAME).optional(), ...api.client }),
  run: async (input, { svc }) => ({ UserPoolClient: describedClient(await updateClient(svc, input)) }),
});
