/**
 * The user an external identity signs in as. A native user linked by AdminLinkProviderForUser wins; otherwise
 * the federated user `{ProviderName}_{subject}` (status EXTERNAL_PROVIDER, an `identities` attribute) is created
 * on first sign-in and its mapped attributes are rewritten at every sign-in, as Cognito does. Federated users have
 * no password and no sign-in aliases. A native user that merely carries a federated-looking username is never
 * taken over: only an EXTERNAL_PROVIDER row answers to that name.
 */
import { ServiceError } from '../errors.js';
import { ids } from '../crypto/random.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { usersRepo, type UserRow } from '../store/users-repo.js';
import { providerLinksRepo } from '../store/federation-repo.js';
import { checkAttributes, checkRequired } from '../users/attributes.js';
import { parseJson, rowToUser, searchColumns, usernameKey } from '../users/records.js';
import { autoVerified, preSignUp } from '../triggers/lifecycle.js';
import type { IdentityProvider } from './providers.js';
import { FederationError } from './errors.js';

/** One member of the `identities` attribute (stored with Cognito's types: primary boolean, dateCreated ms). */
export interface IdentityEntry {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: boolean;
  dateCreated: number;
}

export const federatedUsername = (provider: IdentityProvider, subject: string) => `${provider.name}_${subject}`;

export function identitiesOf(user: UserRecord): IdentityEntry[] {
  const v = parseJson<unknown>(user.attributes.identities, []);
  return Array.isArray(v) ? (v as IdentityEntry[]) : [];
}

/** The identities attribute with this provider's entry added (if absent) or removed. */
export function withIdentity(list: IdentityEntry[], entry: IdentityEntry): string {
  const rest = list.filter((e) => !(e.providerName === entry.providerName && e.userId === entry.userId));
  return JSON.stringify([...rest, entry]);
}
export function withoutIdentity(list: IdentityEntry[], providerName: string, userId: string): string | undefined {
  const rest = list.filter((e) => !(e.providerName === providerName && e.userId === userId));
  return rest.length > 0 ? JSON.stringify(rest) : undefined;
}

export const entryFor = (p: IdentityProvider, userId: string, primary: boolean, now: number): IdentityEntry => ({
  userId, providerName: p.name, providerType: p.type, issuer: null, primary, dateCreated: now,
});

const claimText = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** The pool attributes the provider's AttributeMapping takes from these claims, checked against the schema. */
export function mappedAttributes(pool: UserPool, p: IdentityProvider, claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [attr, claim] of Object.entries(p.attributeMapping)) {
    if (attr === 'username') continue;
    const v = claimText(claims[claim]);
    if (v !== undefined) out[attr] = v;
  }
  try {
    return checkAttributes(pool, Object.entries(out).map(([Name, Value]) => ({ Name, Value })), { creating: true, admin: true });
  } catch (e) {
    if (e instanceof ServiceError) throw new FederationError(`The identity provider's attributes do not fit the user pool: ${e.message}`);
    throw e;
  }
}

/** The native user a link points this identity to (identities entry added on first use), if any. */
async function linkedUser(svc: Services, pool: UserPool, p: IdentityProvider, sub: string, now: number): Promise<UserRecord | undefined> {
  const link = await providerLinksRepo.get(svc.db, pool.id, p.name, sub);
  if (!link) return undefined;
  const row = await usersRepo.get(svc.db, pool.id, link.username_key);
  if (!row) {
    // the native user was deleted: the link is dead, the identity signs in on its own
    await providerLinksRepo.delete(svc.db, pool.id, p.name, sub);
    return undefined;
  }
  const user = rowToUser(row);
  if (!user.enabled) disabled();
  const list = identitiesOf(user);
  if (list.some((e) => e.providerName === p.name && e.userId === sub)) return user;
  const attrs = { ...user.attributes, identities: withIdentity(list, entryFor(p, sub, false, now)) };
  await usersRepo.update(svc.db, pool.id, user.usernameKey, { attributes: JSON.stringify(attrs), updated_at: now });
  return { ...user, attributes: attrs, updatedAt: now };
}

function disabled(): never {
  throw new FederationError('User is disabled.', 'access_denied');
}

/** The user this external identity signs in as (created or updated); `subject` is the IdP's `sub`. */
export async function userForExternalIdentity(svc: Services, pool: UserPool, p: IdentityProvider, claims: Record<string, unknown>, clientId?: string): Promise<UserRecord> {
  const sub = claimText(claims.sub);
  if (!sub) throw new FederationError("The identity provider's ID token has no sub.");
  const now = svc.clock.now();

  const linked = await linkedUser(svc, pool, p, sub, now);
  if (linked) return linked;

  const subject = claimText(claims[p.attributeMapping.username ?? 'sub']);
  if (!subject) throw new FederationError(`The identity provider did not return the claim ${p.attributeMapping.username} that AttributeMapping maps to username.`);
  const username = federatedUsername(p, subject);
  const key = usernameKey(pool, username);
  const mapped = mappedAttributes(pool, p, claims);

  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await usersRepo.get(svc.db, pool.id, key);
    if (row) {
      const user = rowToUser(row);
      if (user.status !== 'EXTERNAL_PROVIDER') {
        throw new FederationError(`A user named ${username} already exists in this user pool and is not a federated user.`, 'access_denied');
      }
      if (!user.enabled) disabled();
      const attrs = { ...user.attributes, ...mapped };
      await usersRepo.update(svc.db, pool.id, key, { attributes: JSON.stringify(attrs), ...searchColumns(attrs), updated_at: now });
      return { ...user, attributes: attrs, updatedAt: now };
    }
    // PreSignUp_ExternalProvider may refuse, auto-verify, or link the identity to a native user (the merge recipe).
    const pre = await preSignUp(svc, pool, { source: 'PreSignUp_ExternalProvider', userName: username, attributes: mapped, ...(clientId ? { clientId } : {}) });
    const nowLinked = await linkedUser(svc, pool, p, sub, now);
    if (nowLinked) return nowLinked;
    const attrs = { ...autoVerified(mapped, pre), identities: JSON.stringify([entryFor(p, subject, true, now)]) };
    try {
      checkRequired(pool, attrs);
    } catch (e) {
      if (e instanceof ServiceError) throw new FederationError(`The identity provider's attributes do not fit the user pool: ${e.message}`);
      throw e;
    }
    const fresh: UserRow = {
      pool_id: pool.id,
      username_key: key,
      username,
      sub: ids.uuid(),
      status: 'EXTERNAL_PROVIDER',
      enabled: 1,
      attributes: JSON.stringify(attrs),
      password_hash: null,
      srp_enc: null,
      password_updated_at: null,
      temp_password_expires_at: null,
      tokens_valid_after: 0,
      mfa: '{}',
      ...searchColumns(attrs),
      created_at: now,
      updated_at: now,
    };
    // A concurrent first sign-in of the same identity may win the insert; the loop then updates its row.
    if (await usersRepo.insert(svc.db, fresh)) return rowToUser(fresh);
  }
  throw new FederationError('The federated user could not be saved; try again.', 'server_error');
}
