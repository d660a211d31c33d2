/**
 * The steps between a proven password and tokens, in Cognito's order: a DEVICE_KEY of this user's confirmed
 * device is checked first (unknown → "Device does not exist."); a remembered device that may stand in for MFA
 * (ChallengeRequiredOnNewDevice) goes straight to DEVICE_SRP_AUTH; otherwise the MFA step (src/mfa/choose.ts)
 * and after it the device proof. With no step left, `deviceForTokens` says which device the tokens carry: the
 * proven one, or a new one (NewDeviceMetadata) when the pool tracks devices. Rules only; sessions and answers
 * live in src/mfa/ and src/devices/.
 */
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { userByKey } from '../users/lookup.js';
import { chooseMfa } from '../mfa/choose.js';
import { openMfaStep } from '../mfa/challenges.js';
import { openDeviceSrp } from '../devices/device-auth.js';
import { deviceSkipsMfa, newDevice, requireDevice, trackingOn } from '../devices/devices.js';
import type { AuthContext, AuthResponse } from './context.js';
import type { PrimaryAuth } from './next-step.js';

/** The MFA or device challenge still owed, or undefined when the sign-in may get its tokens. */
export async function pendingStep(ctx: AuthContext, user: UserRecord, primary: PrimaryAuth): Promise<AuthResponse | undefined> {
  const device = trackingOn(ctx.pool) && primary.deviceKey && !primary.deviceProven ? await requireDevice(ctx.svc, ctx.pool, user, primary.deviceKey) : undefined;
  if (!primary.mfaDone && !(device && deviceSkipsMfa(ctx.pool, device))) {
    const step = await openMfaStep(ctx, user, primary, chooseMfa(ctx.pool, user));
    if (step) return step;
  }
  if (device) return openDeviceSrp(ctx, user, primary, device);
  return undefined;
}

/** The device the tokens are bound to, and NewDeviceMetadata when a new one is handed out. */
export async function deviceForTokens(
  ctx: AuthContext, user: UserRecord, primary: PrimaryAuth,
): Promise<{ deviceKey?: string; metadata?: { DeviceKey: string; DeviceGroupKey: string } }> {
  if (primary.deviceProven && primary.deviceKey) return { deviceKey: primary.deviceKey };
  if (!trackingOn(ctx.pool)) return {};
  const metadata = await newDevice(ctx.svc, ctx.pool, user, ctx.sourceIp);
  return { deviceKey: metadata.DeviceKey, metadata };
}

/**
 * The DEVICE_KEY a PASSWORD_VERIFIER answer goes on with, checked before the SRP session is used up so that a
 * client told "Device does not exist." can retry the same answer without the key (amazon-cognito-identity-js
 * does). A key sent in the answer must be the user's device; one only from InitiateAuth is dropped when unknown
 * (the client cannot take it back). Without device tracking, keys are ignored.
 */
export async function deviceKeyForSrp(
  svc: Services, pool: UserPool, usernameKey: string, answered: string | undefined, initiated: string | undefined,
): Promise<string | undefined> {
  if (!trackingOn(pool) || (answered === undefined && initiated === undefined)) return undefined;
  const user = await userByKey(svc, pool.id, usernameKey);
  if (!user) return undefined;
  if (answered !== undefined) return (await requireDevice(svc, pool, user, answered)).device_key;
  return requireDevice(svc, pool, user, initiated).then((d) => d.device_key, () => undefined);
}
