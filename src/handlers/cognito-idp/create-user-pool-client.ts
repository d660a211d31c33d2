import { z } from 'zod';
import { operation } from '../operation.js';
import { api, bool, CLIENT_NAME, str, userPoolId } from '../../user-pools/shapes.js';
import { createClient, describedClient } from '../../user-pools/clients.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateUserPoolClient',
  auth: 'iam',
  compat: { status: 'partial', missing: 'resource-server scopes are refused until those resources exist; AnalyticsConfiguration is stored without effect' },
  input: z.object({
    UserPoolId: userPoolId(),
    ClientName: str(1, 128, CLIENT_NAME),
    GenerateSecret: bool().optional(),
    ClientSecret: str(24, 64, /^[\w+]+$/).optional(),
    ...api.client,
  }),
  run: async (input, { svc }) => ({ UserPoolClient: describedClient(await createClient(svc, input)) }),
});
