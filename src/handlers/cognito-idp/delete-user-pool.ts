import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { deletePool } from '../../user-pools/pool-admin.js';

/** Deletes the pool with its clients, groups, users and everything else keyed by it; refused under DeletionProtection. */
export default operation({
  service: 'cognito-idp',
  name: 'DeleteUserPool',
  auth: 'iam',
  input: z.object({ UserPoolId: userPoolId() }),
  run: async (input, { svc }) => {
    await deletePool(svc, input.UserPoolId);
    return {};
  },
});
