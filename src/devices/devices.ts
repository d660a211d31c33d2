/**
 * Remembered devices (DeviceConfiguration): a sign-in without a proven device gets NewDeviceMetadata (a device
 * row, unconfirmed); ConfirmDevice stores the device's SRP verifier (sealed, bound to pool and device) and
 * whether it is remembered; Get/List/Forget/UpdateDeviceStatus and their Admin twins read and change the user's
 * devices. A device key of another user, an unconfirmed one or none at all is "Device does not exist." —
 * exactly, because amazon-cognito-identity-js and Amplify match that text to drop a stale key. Forgetting a
 * device revokes the refresh tokens bound to it. Never returns or logs a verifier.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { randomString } from '../crypto/random.js';
import type { Services } from '../services.js';
import { type DeviceRow, devicesRepo } from '../store/devices-repo.js';
import { afterKey, splitPage } from '../user-pools/paging.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';

export const DEVICE_NOT_FOUND = 'Device does not exist.';
export const deviceNotFound = () => errors.resourceNotFound(DEVICE_NOT_FOUND);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Unconfirmed devices (metadata no client confirmed) are dropped after a day. */
const UNCONFIRMED_TTL_MS = 24 * 3600_000;

/** Device tracking is on when DeviceConfiguration has any member. */
export function trackingOn(pool: UserPool): boolean {
  const d = pool.config.DeviceConfiguration;
  return !!d && typeof d === 'object' && Object.values(d).some((v) => v !== undefined && v !== null);
}

/** A remembered device signs in with device SRP instead of MFA only when ChallengeRequiredOnNewDevice is on. */
export function deviceSkipsMfa(pool: UserPool, device: DeviceRow): boolean {
  return device.remembered === 'remembered' && pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true;
}

const verifierContext = (poolId: string, deviceKey: string) => `device-srp:${poolId}:${deviceKey}`;

/** The device's SRP salt and verifier (hex), or undefined when it does not open. */
export function openDeviceVerifier(svc: Services, d: DeviceRow): { salt: string; verifier: string } | undefined {
  if (!d.verifier_enc) return undefined;
  try {
    const o = JSON.parse(svc.box.open(d.verifier_enc, verifierContext(d.pool_id, d.device_key))) as { salt?: unknown; verifier?: unknown };
    return typeof o.salt === 'string' && typeof o.verifier === 'string' ? { salt: o.salt, verifier: o.verifier } : undefined;
  } catch {
    return undefined;
  }
}

/** The user's confirmed device with this key, or "Device does not exist.". */
export async function requireDevice(svc: Services, pool: UserPool, user: UserRecord, deviceKey: string | undefined): Promise<DeviceRow> {
  if (!deviceKey) throw deviceNotFound();
  const d = await devicesRepo.get(svc.db, pool.id, deviceKey);
  if (!d || d.user_sub !== user.sub || !d.verifier_enc) throw deviceNotFound();
  return d;
}

/** A new (unconfirmed) device for the tokens of this sign-in: NewDeviceMetadata. */
export async function newDevice(svc: Services, pool: UserPool, user: UserRecord, sourceIp?: string): Promise<{ DeviceKey: string; DeviceGroupKey: string }> {
  const now = svc.clock.now();
  const DeviceKey = `${pool.region}_${randomUUID()}`;
  const DeviceGroupKey = `-${randomString(ALNUM, 9)}`;
  await devicesRepo.insert(svc.db, {
    pool_id: pool.id, device_key: DeviceKey, user_sub: user.sub, group_key: DeviceGroupKey, verifier_enc: null, name: null,
    remembered: null, last_ip: sourceIp ?? null, created_at: now, updated_at: now, last_auth_at: now,
  });
  if (randomInt(100) === 0) await devicesRepo.deleteUnconfirmed(svc.db, now - UNCONFIRMED_TTL_MS);
  return { DeviceKey, DeviceGroupKey };
}

/**
 * ConfirmDevice: Salt and PasswordVerifier are base64 of the bytes the client hashed (salt) and of g^x (verifier).
 * Returns UserConfirmationNecessary: with DeviceOnlyRememberedOnUserPrompt the device stays not_remembered until
 * UpdateDeviceStatus, otherwise it is remembered at once.
 */
export async function confirmDevice(
  svc: Services, pool: UserPool, user: UserRecord,
  input: { DeviceKey: string; DeviceSecretVerifierConfig?: { PasswordVerifier?: string; Salt?: string }; DeviceName?: string },
): Promise<{ UserConfirmationNecessary: boolean }> {
  const d = await devicesRepo.get(svc.db, pool.id, input.DeviceKey);
  if (!d || d.user_sub !== user.sub) throw deviceNotFound();
  const v = input.DeviceSecretVerifierConfig;
  const salt = v?.Salt ? Buffer.from(v.Salt, 'base64') : Buffer.alloc(0);
  const verifier = v?.PasswordVerifier ? Buffer.from(v.PasswordVerifier, 'base64') : Buffer.alloc(0);
  if (salt.length === 0 || verifier.length === 0 || verifier.length > 400 || salt.length > 64) {
    throw errors.invalidParameter('DeviceSecretVerifierConfig needs a base64 Salt and PasswordVerifier.');
  }
  const onPrompt = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  const now = svc.clock.now();
  const sealed = svc.box.seal(JSON.stringify({ salt: salt.toString('hex'), verifier: verifier.toString('hex') }), verifierContext(pool.id, d.device_key));
  const ok = await devicesRepo.confirm(svc.db, pool.id, d.device_key, user.sub, {
    verifier_enc: sealed, name: input.DeviceName ?? null, remembered: onPrompt ? 'not_remembered' : 'remembered', updated_at: now,
  });
  if (!ok) throw errors.invalidParameter('Device has already been confirmed.');
  return { UserConfirmationNecessary: onPrompt };
}

/** DeviceType as Cognito renders it (dates in epoch seconds). */
export function deviceType(d: DeviceRow) {
  const attrs = [{ Name: 'device_status', Value: 'valid' }];
  if (d.name) attrs.push({ Name: 'device_name', Value: d.name });
  if (d.remembered) attrs.push({ Name: 'dev:device_remembered_status', Value: d.remembered });
  if (d.last_ip) attrs.push({ Name: 'last_ip_used', Value: d.last_ip });
  return {
    DeviceKey: d.device_key,
    DeviceAttributes: attrs,
    DeviceCreateDate: Number(d.created_at) / 1000,
    DeviceLastModifiedDate: Number(d.updated_at) / 1000,
    DeviceLastAuthenticatedDate: Number(d.last_auth_at) / 1000,
  };
}

export async function getDevice(svc: Services, pool: UserPool, user: UserRecord, deviceKey: string) {
  return { Device: deviceType(await requireDevice(svc, pool, user, deviceKey)) };
}

export async function listDevices(svc: Services, pool: UserPool, user: UserRecord, limit: number | undefined, token: string | undefined) {
  const n = limit === undefined || limit === 0 ? 60 : limit;
  const after = afterKey(`devices:${pool.id}:${user.sub}`, token, 'PaginationToken');
  const rows = await devicesRepo.listConfirmed(svc.db, pool.id, user.sub, n + 1, after);
  const page = splitPage(rows, n, `devices:${pool.id}:${user.sub}`, (r) => r.device_key);
  return { Devices: page.items.map(deviceType), ...(page.next ? { PaginationToken: page.next } : {}) };
}

export async function forgetDevice(svc: Services, pool: UserPool, user: UserRecord, deviceKey: string): Promise<void> {
  const d = await requireDevice(svc, pool, user, deviceKey);
  await devicesRepo.delete(svc.db, pool.id, d.device_key);
  await devicesRepo.revokeRefreshTokens(svc.db, pool.id, d.device_key, svc.clock.now());
}

export async function updateDeviceStatus(svc: Services, pool: UserPool, user: UserRecord, deviceKey: string, status: 'remembered' | 'not_remembered' | undefined) {
  const d = await requireDevice(svc, pool, user, deviceKey);
  await devicesRepo.update(svc.db, pool.id, d.device_key, { remembered: status ?? 'not_remembered', updated_at: svc.clock.now() });
}

/** After a successful device proof. */
export async function touchDevice(svc: Services, d: DeviceRow, sourceIp?: string): Promise<void> {
  const now = svc.clock.now();
  await devicesRepo.update(svc.db, d.pool_id, d.device_key, { last_auth_at: now, ...(sourceIp ? { last_ip: sourceIp } : {}) });
}
