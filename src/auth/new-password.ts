/**
 * The NEW_PASSWORD_REQUIRED answer: NEW_PASSWORD plus any `userAttributes.{name}` (required attributes the user
 * still lacks must be among them). The password is checked against the policy before the session is used up,
 * so an InvalidPasswordException leaves the session answerable; attributes go through the users module's
 * update rules (schema, client write rights, aliases, verification); then the session is used up, the password
 * is set with status CONFIRMED and the sign-in continues to its next step.
 */
import { errors } from '../errors.js';
import { updateAttributes } from '../users/attribute-updates.js';
import { userByKey } from '../users/lookup.js';
import { checkPasswordPolicy, setUserPassword } from '../users/passwords.js';
import { assertSecretHash } from './client-secret.js';
import { type AuthContext, type AuthResponse, type Params, required } from './context.js';
import { afterFirstFactor, missingRequiredAttributes } from './next-step.js';
import { EXPIRED_MESSAGE, consumeSession, expectChallenge, loadSession } from './sessions.js';

const PREFIX = 'userAttributes.';

export async function answerNewPassword(ctx: AuthContext, session: string | undefined, r: Params): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  const s = await loadSession(svc, client, session);
  const st = s.state;
  expectChallenge(s, 'NEW_PASSWORD_REQUIRED');
  if (!st.usernameKey) throw errors.notAuthorized(EXPIRED_MESSAGE);
  const username = required(r, 'USERNAME');
  await assertSecretHash(client, [username, st.username], r.SECRET_HASH);
  const password = required(r, 'NEW_PASSWORD');
  const user = await userByKey(svc, pool.id, st.usernameKey);
  if (!user || user.status !== 'FORCE_CHANGE_PASSWORD' || !user.enabled) throw errors.notAuthorized(EXPIRED_MESSAGE);

  // Only changed values count as writes: clients echo back the attributes they were shown.
  const input: { Name: string; Value: string }[] = [];
  for (const [k, v] of Object.entries(r)) {
    if (!k.startsWith(PREFIX)) continue;
    const name = k.slice(PREFIX.length);
    if (user.attributes[name] !== v) input.push({ Name: name, Value: v });
  }
  const merged: Record<string, string> = { ...user.attributes };
  for (const a of input) merged[a.Name] = a.Value;
  const missing = missingRequiredAttributes(ctx, Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== '')));
  if (missing.length) throw errors.invalidParameter(`Invalid attributes given, ${missing[0]!.slice(PREFIX.length)} is missing`);
  checkPasswordPolicy(pool, password);
  // Attributes first (they can still fail: schema, client write rights, a taken alias) while the session lives.
  if (input.length) await updateAttributes(svc, pool, user, input, { admin: ctx.api === 'admin', client });

  await consumeSession(svc, s);
  const fresh = (await userByKey(svc, pool.id, user.usernameKey)) ?? user;
  const updated = await setUserPassword(svc, pool, fresh, password, { status: 'CONFIRMED' });
  return afterFirstFactor(ctx, updated, { authFlow: st.authFlow, deviceKey: r.DEVICE_KEY ?? st.deviceKey, tokenSource: 'TokenGeneration_NewPasswordChallenge' });
}
