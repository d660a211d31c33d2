/**
 * Passwords changed by their owner: ForgotPassword (a reset code by the recovery channel),
 * ConfirmForgotPassword (code + new password → CONFIRMED) and ChangePassword (previous password verified).
 * Unknown users look like known ones when PreventUserExistenceErrors is on.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserRecord } from '../user-pools/types.js';
import { CODE_TTL_MS, redeemCode } from '../messages/codes.js';
import { enforceUserLimit } from './limits.js';
import { findUser } from './lookup.js';
import { fakeDelivery, recoveryChannel, sendCode, type CodeDeliveryDetails } from './notify.js';
import { checkPasswordPolicy, setUserPassword, verifyPassword } from './passwords.js';
import { publicContext, unknownUser, unknownUserConfirm, unknownUserSend } from './public-client.js';
import { saveUser } from './save.js';
import { aliasConflict } from './aliases.js';
import type { Verifiable } from './attributes.js';
import { migrateUser } from '../triggers/sign-in.js';
import { postConfirmation } from '../triggers/lifecycle.js';

export async function forgotPassword(
  svc: Services,
  input: { ClientId: string; Username: string; SecretHash?: string; ClientMetadata?: Record<string, string> },
): Promise<{ CodeDeliveryDetails: CodeDeliveryDetails }> {
  const { pool, client, hideUsers } = await publicContext(svc, input.ClientId, input.Username, input.SecretHash);
  const user =
    (await findUser(svc, pool, input.Username)) ??
    (await migrateUser(svc, pool, { source: 'UserMigration_ForgotPassword', username: input.Username, client, clientMetadata: input.ClientMetadata }))?.user;
  if (!user) {
    if (!hideUsers) throw unknownUser();
    await unknownUserSend(svc, pool, input.Username, 'forgotPassword');
    return { CodeDeliveryDetails: fakeDelivery(svc, pool, input.Username) };
  }
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') throw errors.notAuthorized('User password cannot be reset in the current state.');
  const channel = recoveryChannel(pool, user);
  await enforceUserLimit(svc, 'forgotPassword', pool.id, user.usernameKey);
  const details = await sendCode(svc, pool, user, channel, 'reset', {
    ttlMs: CODE_TTL_MS.reset,
    meta: { attr: channel, value: user.attributes[channel] },
    background: hideUsers,
    clientId: client.id,
    clientMetadata: input.ClientMetadata,
  });
  return { CodeDeliveryDetails: details };
}

export interface ConfirmForgotInput {
  ClientId: string; Username: string; ConfirmationCode: string; Password: string; SecretHash?: string; ClientMetadata?: Record<string, string>;
}

export async function confirmForgotPassword(svc: Services, input: ConfirmForgotInput): Promise<Record<string, never>> {
  const { pool, client, hideUsers } = await publicContext(svc, input.ClientId, input.Username, input.SecretHash);
  const user = await findUser(svc, pool, input.Username);
  if (!user) throw hideUsers ? await unknownUserConfirm(svc, pool, input.Username, 'reset') : unknownUser();
  await enforceUserLimit(svc, 'confirmForgotPassword', pool.id, user.usernameKey);
  checkPasswordPolicy(pool, input.Password);
  const meta = await redeemCode(svc, { poolId: pool.id, usernameKey: user.usernameKey, purpose: 'reset' }, input.ConfirmationCode);
  let updated = await setUserPassword(svc, pool, user, input.Password, { status: 'CONFIRMED' });
  // The code reached the address, which proves it: mark it verified, unless that would take another user's alias.
  const attr = meta.attr as Verifiable | undefined;
  if (attr && updated.attributes[attr] === meta.value && updated.attributes[`${attr}_verified`] !== 'true') {
    const next = { ...updated.attributes, [`${attr}_verified`]: 'true' };
    if (!(await aliasConflict(svc.db, pool, user.usernameKey, next))) updated = await saveUser(svc, pool, updated, next);
  }
  await postConfirmation(svc, pool, updated, 'PostConfirmation_ConfirmForgotPassword', { clientId: client.id, clientMetadata: input.ClientMetadata });
  return {};
}

/** ChangePassword for an authenticated user: the previous password must match. */
export async function changePassword(svc: Services, pool: Parameters<typeof setUserPassword>[1], user: UserRecord, previous: string | undefined, proposed: string): Promise<void> {
  await enforceUserLimit(svc, 'changePassword', pool.id, user.usernameKey);
  if (previous === undefined || !(await verifyPassword(user.passwordHash, previous))) throw errors.notAuthorized('Incorrect username or password.');
  checkPasswordPolicy(pool, proposed);
  await setUserPassword(svc, pool, user, proposed, { status: user.status === 'FORCE_CHANGE_PASSWORD' || user.status === 'RESET_REQUIRED' ? 'CONFIRMED' : user.status });
}
