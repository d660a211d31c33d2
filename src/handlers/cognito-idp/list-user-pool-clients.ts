import { z } from 'zod';
import { operation } from '../operation.js';
import { enumOf, int, str, userPoolId } from '../../user-pools/shapes.js';
import { listClients } from '../../user-pools/clients.js';

export default operation({
  service: 'cognito-idp',
  name: 'ListUserPoolClients',
  auth: 'iam',
  compat: { status: 'partial', missing: 'the ClientType filter is accepted and ignored (no DCR clients exist)' },
  input: z.object({
    UserPoolId: userPoolId(),
    MaxResults: int(1, 60).optional(),
    NextToken: str(1, 131072).optional(),
    ClientType: enumOf(['REGULAR', 'DCR']).optional(),
  }),
  run: async (input, { svc }) => listClients(svc, input.UserPoolId, input.MaxResults ?? 60, input.NextToken),
});
