/** AdminLinkProviderForUser (IAM): lets an external identity that has not signed in yet sign in as a native user. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { getPool } from '../../user-pools/pools.js';
import { poolId } from '../../users/wire.js';
import { linkProviderForUser } from '../../federation/links.js';
import { providerUser } from '../../federation/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminLinkProviderForUser',
  auth: 'iam',
  input: z.object({ UserPoolId: poolId, DestinationUser: providerUser(), SourceUser: providerUser() }),
  run: async (input, { svc }) => {
    await linkProviderForUser(svc, await getPool(svc, input.UserPoolId), input.DestinationUser, input.SourceUser);
    return {};
  },
});
