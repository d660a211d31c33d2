/**
 * Administrator operations on one user (SigV4-authorized): create with an invitation, confirm, enable and
 * disable, delete, set and reset passwords. Disabling and deleting revoke the user's tokens at once.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { usersRepo, aliasesRepo } from '../store/users-repo.js';
import { groupMembersRepo } from '../store/group-members-repo.js';
import { codesRepo } from '../store/codes-repo.js';
import { revokeUserTokens } from '../tokens/revocation.js';
import { CODE_TTL_MS } from '../messages/codes.js';
import { deliver } from '../messages/delivery.js';
import { invitationMessage, type Medium } from '../messages/templates.js';
import { checkAttributes, type AttrInput } from './attributes.js';
import { createUser } from './create.js';
import { requireUser } from './lookup.js';
import { recoveryChannel, sendCode } from './notify.js';
import { checkPasswordPolicy, generateTemporaryPassword, setUserPassword } from './passwords.js';
import { userType } from './views.js';
import { preSignUp } from '../triggers/lifecycle.js';
import { customMessage } from '../triggers/custom-message.js';
import { ids } from '../crypto/random.js';
import { resolveUsername } from './create.js';

export interface AdminCreateUserInput {
  Username: string;
  UserAttributes?: AttrInput;
  TemporaryPassword?: string;
  MessageAction?: 'RESEND' | 'SUPPRESS';
  DesiredDeliveryMediums?: Medium[];
  ForceAliasCreation?: boolean;
  ValidationData?: AttrInput;
  ClientMetadata?: Record<string, string>;
}

export async function adminCreateUser(svc: Services, pool: UserPool, input: AdminCreateUserInput) {
  if (input.TemporaryPassword !== undefined) checkPasswordPolicy(pool, input.TemporaryPassword);
  const password = input.TemporaryPassword ?? generateTemporaryPassword(pool);
  let user: UserRecord;
  if (input.MessageAction === 'RESEND') {
    user = await requireUser(svc, pool, input.Username);
    if (user.status !== 'FORCE_CHANGE_PASSWORD') {
      throw errors.unsupportedUserState(`Resend not possible. ${input.Username} status is not FORCE_CHANGE_PASSWORD.`);
    }
    user = await setUserPassword(svc, pool, user, password, { status: 'FORCE_CHANGE_PASSWORD' });
  } else {
    const attrs = checkAttributes(pool, input.UserAttributes ?? [], { creating: true, admin: true });
    const sub = ids.uuid();
    const resolved = resolveUsername(pool, input.Username, attrs, sub);
    // Cognito ignores the auto-confirm/verify answer here; a handler can still refuse by throwing.
    await preSignUp(svc, pool, {
      source: 'PreSignUp_AdminCreateUser',
      userName: resolved.username,
      attributes: resolved.attrs,
      validationData: input.ValidationData,
      clientMetadata: input.ClientMetadata,
    });
    user = await createUser(svc, pool, {
      sub,
      username: input.Username,
      attributes: attrs,
      password,
      status: 'FORCE_CHANGE_PASSWORD',
      forceAlias: input.ForceAliasCreation,
    });
  }
  if (input.MessageAction !== 'SUPPRESS') await sendInvitation(svc, pool, user, input.Username, password, input.DesiredDeliveryMediums, input.ClientMetadata);
  return { User: userType(user) };
}

/** Sends the invitation by each desired medium the user can receive; falls back to the other one. */
async function sendInvitation(
  svc: Services, pool: UserPool, user: UserRecord, shownName: string, password: string, desired?: Medium[], clientMetadata?: Record<string, string>,
) {
  const dest = (m: Medium) => (m === 'EMAIL' ? user.attributes.email : user.attributes.phone_number);
  let mediums = (desired && desired.length ? desired : ['SMS' as Medium]).filter((m) => dest(m));
  if (mediums.length === 0) mediums = (['EMAIL', 'SMS'] as Medium[]).filter((m) => dest(m)).slice(0, 1);
  for (const medium of new Set(mediums)) {
    const msg = await customMessage(svc, pool, {
      source: 'CustomMessage_AdminCreateUser',
      medium,
      user,
      rendered: invitationMessage(pool, medium, { password, username: shownName }),
      values: { code: password, username: shownName },
      clientMetadata,
    });
    await deliver(svc, { poolId: pool.id, username: user.username, medium, destination: dest(medium)!, subject: msg.subject, body: msg.body, code: password });
  }
}

export async function adminConfirmSignUp(svc: Services, pool: UserPool, username: string): Promise<void> {
  const user = await requireUser(svc, pool, username);
  if (user.status !== 'UNCONFIRMED') {
    throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  }
  await usersRepo.update(svc.db, pool.id, user.usernameKey, { status: 'CONFIRMED', updated_at: svc.clock.now() });
  await codesRepo.delete(svc.db, pool.id, user.usernameKey, 'signup');
}

export async function adminSetEnabled(svc: Services, pool: UserPool, username: string, enabled: boolean): Promise<void> {
  const user = await requireUser(svc, pool, username);
  await usersRepo.update(svc.db, pool.id, user.usernameKey, { enabled: enabled ? 1 : 0, updated_at: svc.clock.now() });
  if (!enabled) await revokeUserTokens(svc, pool.id, user.usernameKey);
}

/** Deletes the user with its aliases, memberships and codes, after revoking its tokens. */
export async function deleteUserRecord(svc: Services, pool: UserPool, user: UserRecord): Promise<void> {
  await revokeUserTokens(svc, pool.id, user.usernameKey);
  await svc.db.transaction().execute(async (trx) => {
    await aliasesRepo.releaseAll(trx, pool.id, user.usernameKey);
    await groupMembersRepo.removeUser(trx, pool.id, user.usernameKey);
    await codesRepo.deleteAllOfUser(trx, pool.id, user.usernameKey);
    await usersRepo.delete(trx, pool.id, user.usernameKey);
  });
}

export async function adminDeleteUser(svc: Services, pool: UserPool, username: string): Promise<void> {
  await deleteUserRecord(svc, pool, await requireUser(svc, pool, username));
}

export async function adminSetUserPassword(svc: Services, pool: UserPool, username: string, password: string, permanent: boolean): Promise<void> {
  const user = await requireUser(svc, pool, username);
  checkPasswordPolicy(pool, password);
  await setUserPassword(svc, pool, user, password, { status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' });
  if (permanent) await codesRepo.delete(svc.db, pool.id, user.usernameKey, 'signup');
}

/** RESET_REQUIRED plus a reset code by the recovery channel (the old password stops signing in). */
export async function adminResetUserPassword(svc: Services, pool: UserPool, username: string): Promise<void> {
  const user = await requireUser(svc, pool, username);
  const channel = recoveryChannel(pool, user);
  await usersRepo.update(svc.db, pool.id, user.usernameKey, { status: 'RESET_REQUIRED', updated_at: svc.clock.now() });
  await sendCode(svc, pool, user, channel, 'reset', { ttlMs: CODE_TTL_MS.reset, meta: { attr: channel, value: user.attributes[channel] } });
}
