/**
 * The user an open sign-in session belongs to, checked again before a later step (MFA code, device proof) is
 * answered: SECRET_HASH, the user still exists and may still sign in. A fake session (unknown user under
 * PreventUserExistenceErrors) and a vanished user both get the session's own expiry error, never a user hint.
 */
import { errors } from '../errors.js';
import type { UserRecord } from '../user-pools/types.js';
import { userByKey } from '../users/lookup.js';
import { assertSecretHash } from './client-secret.js';
import type { AuthContext, Params } from './context.js';
import { EXPIRED_MESSAGE, type OpenSession } from './sessions.js';
import { assertCanSignIn } from './status.js';

export async function sessionUser(ctx: AuthContext, s: OpenSession, r: Params): Promise<UserRecord> {
  const st = s.state;
  if (!st.usernameKey || st.fake) throw errors.notAuthorized(EXPIRED_MESSAGE);
  await assertSecretHash(ctx.client, [r.USERNAME, st.username], r.SECRET_HASH);
  const user = await userByKey(ctx.svc, ctx.pool.id, st.usernameKey);
  if (!user) throw errors.notAuthorized(EXPIRED_MESSAGE);
  assertCanSignIn(ctx.svc, user);
  return user;
}
