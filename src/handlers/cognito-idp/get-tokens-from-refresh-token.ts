/** GetTokensFromRefreshToken (public): new tokens for a refresh token; a new refresh token only with rotation. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { errors } from '../../errors.js';
import { getClient } from '../../user-pools/pools.js';
import { clientSecretMatches } from '../../tokens/revocation.js';
import { refreshWithToken } from '../../tokens/refresh.js';

export default operation({
  service: 'cognito-idp',
  name: 'GetTokensFromRefreshToken',
  auth: 'none',
  input: z.object({
    RefreshToken: z.string().min(1).max(131072),
    ClientId: z.string().min(1).max(128).regex(/^[\w+]+$/),
    ClientSecret: z.string().min(1).max(64).optional(),
    DeviceKey: z.string().min(1).max(55).optional(),
    ClientMetadata: z.record(z.string()).optional(),
  }),
  run: async (input, { svc }) => {
    const client = await getClient(svc, input.ClientId);
    if (!clientSecretMatches(client, input.ClientSecret)) {
      throw errors.notAuthorized(input.ClientSecret === undefined ? `Client ${client.id} has a secret; send ClientSecret.` : 'Unable to verify secret for client.');
    }
    const AuthenticationResult = await refreshWithToken(svc, {
      client,
      refreshToken: input.RefreshToken,
      deviceKey: input.DeviceKey,
      flow: 'GetTokensFromRefreshToken',
      clientMetadata: input.ClientMetadata,
    });
    return { AuthenticationResult };
  },
});
