/**
 * USER_SRP_AUTH: InitiateAuth answers PASSWORD_VERIFIER {SALT, SECRET_BLOCK, SRP_B, USERNAME, USER_ID_FOR_SRP};
 * RespondToAuthChallenge PASSWORD_VERIFIER proves the password with PASSWORD_CLAIM_SIGNATURE. The server
 * ephemeral `b`, A, B and the verifier stay in the sealed session that SECRET_BLOCK names; a SECRET_BLOCK works
 * once. For a name that matches no user (PreventUserExistenceErrors ENABLED) a decoy challenge with a stable
 * salt is issued and its answer fails like a wrong password. The password never reaches this server.
 */
import { errors } from '../errors.js';
import { findUser, userByKey } from '../users/lookup.js';
import { assertSecretHash } from './client-secret.js';
import { type AuthContext, type AuthResponse, type Params, required } from './context.js';
import { checkAttempts, recordFailure, recordSuccess, unknownUserKey, userKey } from './lockout.js';
import { afterFirstFactor } from './next-step.js';
import { deviceKeyForSrp } from './second-step.js';
import { WRONG_PASSWORD } from './password-auth.js';
import { EXPIRED_MESSAGE, consumeSession, createSession, expectChallenge, loadSession } from './sessions.js';
import { parseTimestamp, serverB, validA, verifyClaim } from './srp.js';
import { openSrp } from './srp-verifier.js';
import { assertCanSignIn } from './status.js';
import { decoySrp, unknownUser } from './user-existence.js';
import { preAuthentication } from '../triggers/sign-in.js';
import { afterCustomSrp } from './custom-auth.js';

/** How far a client's TIMESTAMP may be from our clock. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

/** `data` rides along in the session (custom auth keeps its challenge history there). */
export async function startSrp(ctx: AuthContext, authFlow: string, p: Params, data?: Record<string, unknown>): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  const username = required(p, 'USERNAME');
  const A = required(p, 'SRP_A');
  await assertSecretHash(client, [username], p.SECRET_HASH);
  if (!validA(A)) throw errors.invalidParameter('SRP_A is not a valid SRP public value (hex, not 0 mod N).');

  const user = await findUser(svc, pool, username);
  let v: { salt: string; verifier: string } | undefined;
  let userId: string;
  let fake = false;
  let lockKey: string;
  if (user) {
    assertCanSignIn(svc, user);
    lockKey = userKey(pool.id, user.usernameKey);
    await checkAttempts(svc, lockKey, ctx.sourceIp);
    await preAuthentication(svc, pool, user, { clientId: client.id, clientMetadata: ctx.clientMetadata });
    userId = user.username;
    v = user.srpSealed ? openSrp(svc, pool.id, user.usernameKey, user.srpSealed) : undefined;
    // A user without a verifier (imported, federated) gets a challenge nobody can answer.
    if (!v) {
      if (user.srpSealed) svc.log.warn({ poolId: pool.id }, 'a stored SRP verifier does not open (wrong master key or corrupt row); SRP sign-in will fail for this user');
      fake = true;
      v = await decoySrp(svc, pool, user.username);
    }
  } else {
    lockKey = await unknownUser(ctx, username);
    const decoy = await decoySrp(svc, pool, username);
    userId = decoy.userId;
    v = decoy;
    fake = true;
  }
  const { b, B } = serverB(v.verifier);
  const { secretBlock } = await createSession(svc, client, {
    challenge: 'PASSWORD_VERIFIER',
    username: userId,
    usernameKey: user?.usernameKey,
    lockKey,
    fake,
    api: ctx.api,
    authFlow,
    srp: { b, B, A, salt: v.salt, verifier: v.verifier },
    deviceKey: p.DEVICE_KEY,
    ...(data ? { data } : {}),
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: v.salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: userId, USER_ID_FOR_SRP: userId },
  };
}

export async function answerPasswordVerifier(ctx: AuthContext, r: Params): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  const secretBlock = required(r, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = required(r, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = required(r, 'TIMESTAMP');
  const username = required(r, 'USERNAME');
  const s = await loadSession(svc, client, secretBlock);
  const st = s.state;
  expectChallenge(s, 'PASSWORD_VERIFIER');
  if (!st.srp) throw errors.notAuthorized(EXPIRED_MESSAGE);
  await assertSecretHash(client, [username, st.username], r.SECRET_HASH);
  // Before the session is used up, so a client told "Device does not exist." can retry without the key.
  const deviceKey = st.fake || !st.usernameKey ? undefined : await deviceKeyForSrp(svc, pool, st.usernameKey, r.DEVICE_KEY, st.deviceKey);
  await consumeSession(svc, s);

  const when = parseTimestamp(timestamp);
  if (when === undefined) throw errors.invalidParameter(`TIMESTAMP '${timestamp}' is not in the format 'EEE MMM d HH:mm:ss UTC yyyy'.`);
  if (Math.abs(when - svc.clock.now()) > TIMESTAMP_SKEW_MS) {
    throw errors.notAuthorized('TIMESTAMP is more than 5 minutes away from the server time; check the client clock and sign in again.');
  }
  const key = st.lockKey ?? (st.usernameKey ? userKey(pool.id, st.usernameKey) : unknownUserKey(pool.id, st.username));
  const hadFailures = await checkAttempts(svc, key, ctx.sourceIp);

  const valid = verifyClaim({ poolName: pool.srpName, userId: st.username, ...st.srp, secretBlock, timestamp, signature });
  const user = st.usernameKey ? await userByKey(svc, pool.id, st.usernameKey) : undefined;
  if (!valid || st.fake || !user) {
    await recordFailure(svc, key, ctx.sourceIp);
    throw errors.notAuthorized(WRONG_PASSWORD);
  }
  // The user may have changed while the challenge was out (disabled, reset).
  assertCanSignIn(svc, user);
  await recordSuccess(svc, key, hadFailures);
  if (st.authFlow === 'CUSTOM_AUTH') return afterCustomSrp(ctx, user, st);
  return afterFirstFactor(ctx, user, { authFlow: st.authFlow, deviceKey });
}
