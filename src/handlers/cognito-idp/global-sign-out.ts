/** GlobalSignOut (access token): every refresh token of the caller dies; access tokens issued so far are refused. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { authenticateAccessToken } from '../../tokens/access-token.js';
import { revokeUserTokens } from '../../tokens/revocation.js';

export default operation({
  service: 'cognito-idp',
  name: 'GlobalSignOut',
  auth: 'none',
  input: z.object({ AccessToken: z.string().min(1).max(131072) }),
  run: async (input, { svc }) => {
    const { pool, user } = await authenticateAccessToken(svc, input.AccessToken);
    await revokeUserTokens(svc, pool.id, user.usernameKey);
    return {};
  },
});
