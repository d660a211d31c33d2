/**
 * Device authentication inside a sign-in: DEVICE_SRP_AUTH (the client sends SRP_A for its device) answered with
 * DEVICE_PASSWORD_VERIFIER {SRP_B, SALT, SECRET_BLOCK, USERNAME, DEVICE_KEY}, then the client's proof
 * PASSWORD_CLAIM_SIGNATURE — the same SRP-6a as passwords with poolName := DeviceGroupKey and
 * userId := DeviceKey. Only a proven device is bound into the tokens (`device_key` claim, refresh token). The
 * server ephemeral `b` stays in the sealed session; each session answers once.
 */
import { errors } from '../errors.js';
import { sessionUser } from '../auth/session-user.js';
import { type AuthContext, type AuthResponse, type Params, required } from '../auth/context.js';
import { finish, type PrimaryAuth } from '../auth/next-step.js';
import { WRONG_PASSWORD } from '../auth/password-auth.js';
import { EXPIRED_MESSAGE, type OpenSession, consumeSession, createSession, expectChallenge, loadSession } from '../auth/sessions.js';
import { TIMESTAMP_SKEW_MS } from '../auth/srp-auth.js';
import { parseTimestamp, serverB, validA, verifyClaim } from '../auth/srp.js';
import type { DeviceRow } from '../store/devices-repo.js';
import type { UserRecord } from '../user-pools/types.js';
import { openDeviceVerifier, requireDevice, touchDevice } from './devices.js';

/** Asks the client to prove its device. */
export async function openDeviceSrp(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth, device: DeviceRow): Promise<AuthResponse> {
  const { session } = await createSession(ctx.svc, ctx.client, {
    challenge: 'DEVICE_SRP_AUTH',
    username: user.username,
    usernameKey: user.usernameKey,
    api: ctx.api,
    authFlow: primary.authFlow,
    deviceKey: device.device_key,
  });
  return { ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeParameters: {} };
}


export async function answerDeviceSrpAuth(ctx: AuthContext, token: string | undefined, r: Params): Promise<AuthResponse> {
  const s = await loadSession(ctx.svc, ctx.client, token);
  expectChallenge(s, 'DEVICE_SRP_AUTH');
  const user = await sessionUser(ctx, s, r);
  const A = required(r, 'SRP_A');
  if (r.DEVICE_KEY !== undefined && r.DEVICE_KEY !== s.state.deviceKey) throw errors.invalidParameter('DEVICE_KEY is not the device this sign-in is proving.');
  if (!validA(A)) throw errors.invalidParameter('SRP_A is not a valid SRP public value (hex, not 0 mod N).');
  const device = await requireDevice(ctx.svc, ctx.pool, user, s.state.deviceKey);
  const v = openDeviceVerifier(ctx.svc, device);
  if (!v) throw errors.notAuthorized(WRONG_PASSWORD);
  const { b, B } = serverB(v.verifier);
  await consumeSession(ctx.svc, s);
  const { session, secretBlock } = await createSession(ctx.svc, ctx.client, {
    ...s.state,
    challenge: 'DEVICE_PASSWORD_VERIFIER',
    srp: { b, B, A, salt: v.salt, verifier: v.verifier },
  });
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: session,
    ChallengeParameters: { SRP_B: B, SALT: v.salt, SECRET_BLOCK: secretBlock, USERNAME: user.username, DEVICE_KEY: device.device_key },
  };
}

export async function answerDevicePasswordVerifier(ctx: AuthContext, token: string | undefined, r: Params): Promise<AuthResponse> {
  const secretBlock = required(r, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = required(r, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = required(r, 'TIMESTAMP');
  const s = await loadSession(ctx.svc, ctx.client, token ?? secretBlock);
  expectChallenge(s, 'DEVICE_PASSWORD_VERIFIER');
  const st = s.state;
  const user = await sessionUser(ctx, s, r);
  if (!st.srp) throw errors.notAuthorized(EXPIRED_MESSAGE);
  await consumeSession(ctx.svc, s);
  const when = parseTimestamp(timestamp);
  if (when === undefined) throw errors.invalidParameter(`TIMESTAMP '${timestamp}' is not in the format 'EEE MMM d HH:mm:ss UTC yyyy'.`);
  if (Math.abs(when - ctx.svc.clock.now()) > TIMESTAMP_SKEW_MS) {
    throw errors.notAuthorized('TIMESTAMP is more than 5 minutes away from the server time; check the client clock and sign in again.');
  }
  const device = await requireDevice(ctx.svc, ctx.pool, user, st.deviceKey);
  const ok = verifyClaim({ poolName: device.group_key, userId: device.device_key, ...st.srp, secretBlock, timestamp, signature });
  if (!ok) throw errors.notAuthorized(WRONG_PASSWORD);
  await touchDevice(ctx.svc, device, ctx.sourceIp);
  // The device step comes after MFA, or instead of it for a remembered device: either way MFA is settled.
  return finish(ctx, user, { authFlow: st.authFlow, deviceKey: device.device_key, deviceProven: true, mfaDone: true });
}
