/**
 * AdminLinkProviderForUser and AdminDisableProviderForUser: linking an external identity (provider + the IdP's
 * `sub`, ProviderAttributeName `Cognito_Subject`) to a native user, so that signing in through the IdP signs in as
 * that user, and undoing it. A link is refused once the external identity has its own federated user ("merging
 * is not supported", as Cognito says), and at most five identities link to one user. Because a link lets an
 * outside identity act as a local user, nothing here guesses: every name must match exactly.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { usersRepo } from '../store/users-repo.js';
import { providerLinksRepo } from '../store/federation-repo.js';
import { requireUser } from '../users/lookup.js';
import { adminSetEnabled } from '../users/admin.js';
import { rowToUser, usernameKey } from '../users/records.js';
import { findProvider, type IdentityProvider } from './providers.js';
import { entryFor, federatedUsername, identitiesOf, withIdentity, withoutIdentity } from './users.js';

export interface ProviderUser { ProviderName?: string; ProviderAttributeName?: string; ProviderAttributeValue?: string }

export const MAX_LINKS_PER_USER = 5;
const SUBJECT = 'Cognito_Subject';

async function sourceProvider(svc: Services, pool: UserPool, u: ProviderUser, member: string): Promise<{ p: IdentityProvider; subject: string }> {
  const name = u.ProviderName ?? '';
  const p = name ? await findProvider(svc, pool.id, name) : undefined;
  if (!p) throw errors.invalidParameter(`${member}.ProviderName ${name || '(empty)'} is not an identity provider of user pool ${pool.id}.`);
  if (u.ProviderAttributeName !== SUBJECT) throw errors.invalidParameter(`${member}.ProviderAttributeName must be ${SUBJECT} for an OIDC provider.`);
  const subject = u.ProviderAttributeValue ?? '';
  if (!subject) throw errors.invalidParameter(`${member}.ProviderAttributeValue must be the provider's subject (sub) of the user.`);
  return { p, subject };
}

export async function linkProviderForUser(svc: Services, pool: UserPool, destination: ProviderUser, source: ProviderUser): Promise<void> {
  if (destination.ProviderName !== 'Cognito') throw errors.invalidParameter('DestinationUser.ProviderName must be Cognito (a native user of the pool).');
  if (destination.ProviderAttributeName !== undefined && destination.ProviderAttributeName !== SUBJECT) {
    throw errors.invalidParameter(`DestinationUser.ProviderAttributeName must be ${SUBJECT} or omitted.`);
  }
  const user = await requireUser(svc, pool, destination.ProviderAttributeValue ?? '');
  if (user.status === 'EXTERNAL_PROVIDER') throw errors.invalidParameter('DestinationUser must be a native user, not a federated one.');
  const { p, subject } = await sourceProvider(svc, pool, source, 'SourceUser');
  if (await usersRepo.get(svc.db, pool.id, usernameKey(pool, federatedUsername(p, subject)))) {
    throw errors.invalidParameter('Merging is not currently supported, provide a SourceUser that has not been signed up in order to link.');
  }
  const now = svc.clock.now();
  await svc.db.transaction().execute(async (trx) => {
    const existing = await providerLinksRepo.get(trx, pool.id, p.name, subject);
    if (existing) {
      if (existing.username_key === user.usernameKey) return;
      throw errors.invalidParameter(`SourceUser ${p.name} ${subject} is already linked to another user.`);
    }
    if ((await providerLinksRepo.ofUser(trx, pool.id, user.usernameKey)).length >= MAX_LINKS_PER_USER) {
      throw errors.limitExceeded(`A user can be linked to at most ${MAX_LINKS_PER_USER} external identities.`);
    }
    await providerLinksRepo.insert(trx, { pool_id: pool.id, provider_name: p.name, subject, username_key: user.usernameKey, created_at: now });
    const row = await usersRepo.get(trx, pool.id, user.usernameKey);
    if (!row) throw errors.userNotFound('User does not exist.');
    const current = rowToUser(row);
    const attrs = { ...current.attributes, identities: withIdentity(identitiesOf(current), entryFor(p, subject, false, now)) };
    await usersRepo.update(trx, pool.id, user.usernameKey, { attributes: JSON.stringify(attrs), updated_at: now });
  });
}

/**
 * Stops an external identity from signing in: its link to a native user (and the native user's identities
 * entry) goes; a federated user of its own is disabled and its tokens revoked.
 */
export async function disableProviderForUser(svc: Services, pool: UserPool, u: ProviderUser): Promise<void> {
  if (u.ProviderName === 'Cognito') {
    throw errors.invalidParameter('Disabling the password sign-in of a native user (ProviderName Cognito) is not supported by Cognate yet; use AdminDisableUser.');
  }
  const { p, subject } = await sourceProvider(svc, pool, u, 'User');
  const now = svc.clock.now();
  const link = await providerLinksRepo.get(svc.db, pool.id, p.name, subject);
  if (link) {
    await svc.db.transaction().execute(async (trx) => {
      await providerLinksRepo.delete(trx, pool.id, p.name, subject);
      const row = await usersRepo.get(trx, pool.id, link.username_key);
      if (!row) return;
      const user = rowToUser(row);
      const { identities: _old, ...rest } = user.attributes;
      const left = withoutIdentity(identitiesOf(user), p.name, subject);
      const attrs = left === undefined ? rest : { ...rest, identities: left };
      await usersRepo.update(trx, pool.id, user.usernameKey, { attributes: JSON.stringify(attrs), updated_at: now });
    });
  }
  const federated = await usersRepo.get(svc.db, pool.id, usernameKey(pool, federatedUsername(p, subject)));
  if (federated && federated.status === 'EXTERNAL_PROVIDER') await adminSetEnabled(svc, pool, federated.username, false);
}
