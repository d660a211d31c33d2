/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH (= ADMIN_NO_SRP_AUTH): the password travels to us and is
 * checked against the argon2id hash. Order as Cognito: user → status → throttling → password → next step.
 * With PreventUserExistenceErrors ENABLED an unknown user costs the same argon2 work, counts towards the same
 * lockout and gets the same answer as a wrong password. Never log the password.
 */
import { errors } from '../errors.js';
import { findUser } from '../users/lookup.js';
import { verifyPassword } from '../users/passwords.js';
import { assertSecretHash } from './client-secret.js';
import { type AuthContext, type AuthResponse, type Params, required } from './context.js';
import { checkAttempts, recordFailure, recordSuccess, unknownUserKey, userKey } from './lockout.js';
import { afterFirstFactor } from './next-step.js';
import { assertCanSignIn } from './status.js';
import { dummyPasswordCheck, unknownUser } from './user-existence.js';
import { migrateUser, preAuthentication } from '../triggers/sign-in.js';
import { hasTrigger } from '../triggers/invoke.js';

export const WRONG_PASSWORD = 'Incorrect username or password.';

export async function passwordAuth(ctx: AuthContext, authFlow: string, p: Params): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  const username = required(p, 'USERNAME');
  const password = required(p, 'PASSWORD');
  await assertSecretHash(client, [username], p.SECRET_HASH);

  let user = await findUser(svc, pool, username);
  if (!user && hasTrigger(pool, 'UserMigration')) {
    // Each migration attempt costs a call to the legacy store: throttle it like a failed sign-in of that name.
    await checkAttempts(svc, unknownUserKey(pool.id, username), ctx.sourceIp);
    user = (await migrateUser(svc, pool, { source: 'UserMigration_Authentication', username, password, client, clientMetadata: ctx.clientMetadata }))?.user;
  }
  if (!user) {
    const key = await unknownUser(ctx, username);
    await dummyPasswordCheck(svc, password);
    await recordFailure(svc, key, ctx.sourceIp);
    throw errors.notAuthorized(WRONG_PASSWORD);
  }

  assertCanSignIn(svc, user);
  const key = userKey(pool.id, user.usernameKey);
  const hadFailures = await checkAttempts(svc, key, ctx.sourceIp);
  await preAuthentication(svc, pool, user, { clientId: client.id, clientMetadata: ctx.clientMetadata });
  const ok = user.passwordHash ? await verifyPassword(user.passwordHash, password) : await dummyPasswordCheck(svc, password);
  if (!ok) {
    await recordFailure(svc, key, ctx.sourceIp);
    throw errors.notAuthorized(WRONG_PASSWORD);
  }
  await recordSuccess(svc, key, hadFailures);
  return afterFirstFactor(ctx, user, { authFlow, deviceKey: p.DEVICE_KEY });
}
