/**
 * Changing attributes (UpdateUserAttributes and its Admin twin, Delete*Attributes) and verifying e-mail/phone
 * (GetUserAttributeVerificationCode, VerifyUserAttribute). A changed e-mail/phone becomes unverified and gets a
 * code when auto-verified; with AttributesRequireVerificationBeforeUpdate the old value stays in force and the
 * new one waits in the code's meta until verified. Verified flags are writable only by administrators.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import { codesRepo } from '../store/codes-repo.js';
import { CODE_TTL_MS, peekCodeMeta, redeemCode, expiredCode } from '../messages/codes.js';
import { checkAttributes, checkClientWrite, isRequired, poolSchema, VERIFIABLE, type AttrInput, type Verifiable } from './attributes.js';
import { aliasConflict, aliasTaken } from './aliases.js';
import { enforceUserLimit } from './limits.js';
import { sendCode, type CodeDeliveryDetails } from './notify.js';
import { saveUser } from './save.js';

const requiresVerificationFirst = (pool: UserPool, a: Verifiable) =>
  ((pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []) as string[]).includes(a) &&
  ((pool.config.AutoVerifiedAttributes ?? []) as string[]).includes(a);
const autoVerified = (pool: UserPool, a: Verifiable) => ((pool.config.AutoVerifiedAttributes ?? []) as string[]).includes(a);

export async function updateAttributes(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  list: AttrInput,
  opts: { admin: boolean; client?: PoolClient },
): Promise<CodeDeliveryDetails[]> {
  const given = checkAttributes(pool, list, { creating: false, admin: opts.admin });
  if (!opts.admin && opts.client) checkClientWrite(opts.client, Object.keys(given));
  const old = user.attributes;
  const next: Record<string, string> = { ...old, ...given };
  const sends: { attr: Verifiable; value: string; pending: boolean }[] = [];
  for (const a of VERIFIABLE) {
    if (given[a] === undefined || given[a] === old[a]) continue;
    const flag = `${a}_verified`;
    if (opts.admin && given[flag] === 'true') continue;
    if (requiresVerificationFirst(pool, a) && old[a]) {
      next[a] = old[a];
      next[flag] = old[flag] ?? 'false';
      sends.push({ attr: a, value: given[a], pending: true });
      continue;
    }
    next[flag] = 'false';
    if (autoVerified(pool, a)) sends.push({ attr: a, value: given[a], pending: false });
  }
  const saved = await saveUser(svc, pool, user, next);
  const out: CodeDeliveryDetails[] = [];
  for (const s of sends) {
    out.push(
      await sendCode(svc, pool, saved, s.attr, `verify:${s.attr}`, {
        ttlMs: CODE_TTL_MS.verify,
        destination: s.value,
        meta: { attr: s.attr, value: s.value, pending: s.pending },
      }),
    );
  }
  return out;
}

export async function deleteAttributes(svc: Services, pool: UserPool, user: UserRecord, names: string[], opts: { admin: boolean; client?: PoolClient }): Promise<void> {
  const schema = poolSchema(pool);
  for (const n of names) {
    if (!schema.has(n)) throw errors.invalidParameter(`Attributes did not conform to the schema: Type for attribute {${n}} could not be determined`);
    if (n === 'sub' || isRequired(pool, n)) throw errors.invalidParameter(`Attributes did not conform to the schema: ${n}: The attribute is required`);
  }
  if (!opts.admin && opts.client) checkClientWrite(opts.client, names);
  const next: Record<string, string> = { ...user.attributes };
  for (const n of names) {
    delete next[n];
    if ((VERIFIABLE as readonly string[]).includes(n)) {
      delete next[`${n}_verified`];
      await codesRepo.delete(svc.db, pool.id, user.usernameKey, `verify:${n}`);
    }
  }
  await saveUser(svc, pool, user, next);
}

function verifiableName(name: string): Verifiable {
  if (name !== 'email' && name !== 'phone_number') throw errors.invalidParameter(`Attribute ${name} cannot be verified; only email and phone_number can.`);
  return name;
}

export async function getVerificationCode(svc: Services, pool: UserPool, user: UserRecord, attributeName: string): Promise<CodeDeliveryDetails> {
  const attr = verifiableName(attributeName);
  const key = { poolId: pool.id, usernameKey: user.usernameKey, purpose: `verify:${attr}` as const };
  const pending = await peekCodeMeta(svc, key);
  const value = pending?.pending === true && typeof pending.value === 'string' ? pending.value : user.attributes[attr];
  if (!value) throw errors.invalidParameter(`The user has no ${attr} to verify.`);
  await enforceUserLimit(svc, 'getUserAttributeVerificationCode', pool.id, user.usernameKey);
  return sendCode(svc, pool, user, attr, key.purpose, {
    ttlMs: CODE_TTL_MS.verify,
    destination: value,
    meta: { attr, value, pending: value !== user.attributes[attr] },
    messageSource: 'CustomMessage_VerifyUserAttribute',
  });
}

export async function verifyAttribute(svc: Services, pool: UserPool, user: UserRecord, attributeName: string, code: string): Promise<void> {
  const attr = verifiableName(attributeName);
  await enforceUserLimit(svc, 'verifyUserAttribute', pool.id, user.usernameKey);
  const key = { poolId: pool.id, usernameKey: user.usernameKey, purpose: `verify:${attr}` as const };
  const pending = await peekCodeMeta(svc, key);
  if (pending && typeof pending.value === 'string') {
    const taken = await aliasConflict(svc.db, pool, user.usernameKey, { ...user.attributes, [attr]: pending.value, [`${attr}_verified`]: 'true' });
    if (taken) throw aliasTaken(taken);
  }
  const meta = await redeemCode(svc, key, code);
  const value = meta.value as string | undefined;
  if (!value || (!meta.pending && user.attributes[attr] !== value)) throw expiredCode();
  await saveUser(svc, pool, user, { ...user.attributes, [attr]: value, [`${attr}_verified`]: 'true' });
}
