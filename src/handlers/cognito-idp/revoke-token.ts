/** RevokeToken (public): revokes a refresh token and every access/ID token of its authentication. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { revokeRefreshToken } from '../../tokens/revocation.js';

export default operation({
  service: 'cognito-idp',
  name: 'RevokeToken',
  auth: 'none',
  input: z.object({
    Token: z.string().min(1).max(131072),
    ClientId: z.string().min(1).max(128).regex(/^[\w+]+$/),
    ClientSecret: z.string().min(1).max(64).optional(),
  }),
  run: async (input, { svc }) => {
    await revokeRefreshToken(svc, { token: input.Token, clientId: input.ClientId, clientSecret: input.ClientSecret });
    return {};
  },
});
