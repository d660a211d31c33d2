import { z } from 'zod';
import { operation } from '../operation.js';
import { identityId } from '../../identity-pools/shapes.js';
import { deleteIdentities } from '../../identity-pools/identities.js';

export default operation({
  service: 'cognito-identity',
  name: 'DeleteIdentities',
  auth: 'iam',
  input: z.object({
    IdentityIdsToDelete: z.array(identityId()).min(1, 'Member must have length greater than or equal to 1').max(60, 'Member must have length less than or equal to 60'),
  }),
  run: async (input, { svc }) => deleteIdentities(svc, input.IdentityIdsToDelete),
});
