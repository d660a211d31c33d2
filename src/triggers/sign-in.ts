/**
 * The sign-in triggers around the password check: UserMigration (a user unknown here is looked up in a legacy
 * store by the handler and created with the attributes it returns; on sign-in with the password it confirmed),
 * PreAuthentication (may refuse a sign-in by throwing) and PostAuthentication (told of a completed sign-in).
 * A migration creates the user exactly as AdminCreateUser would (schema, aliases, argon2id + SRP verifier), so
 * the migrated user then signs in without the trigger. Never logs the password the event carries.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';
import { checkAttributes } from '../users/attributes.js';
import { createUser } from '../users/create.js';
import { callTrigger, hasTrigger, responseStringMap } from './invoke.js';
import { eventAttributes, metadata } from './events.js';

export interface MigrationInput {
  source: 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';
  username: string;
  /** The password typed at sign-in (Authentication only). */
  password?: string;
  client: PoolClient;
  clientMetadata?: Readonly<Record<string, string>>;
}

export interface Migrated {
  user: UserRecord;
  messageAction?: 'SUPPRESS' | 'RESEND';
  desiredDeliveryMediums: ('EMAIL' | 'SMS')[];
}

/**
 * Asks the UserMigration handler about a name that matches no user. Undefined when the pool has no such
 * trigger or the handler knows no such user (it returned no attributes); otherwise the created user.
 */
export async function migrateUser(svc: Services, pool: UserPool, input: MigrationInput): Promise<Migrated | undefined> {
  if (!hasTrigger(pool, 'UserMigration')) return undefined;
  // Sign-in calls have no ValidationData: Cognito hands the handler the request's ClientMetadata as both.
  const request: Record<string, unknown> = { validationData: input.clientMetadata ? metadata(input.clientMetadata) : null };
  if (input.password !== undefined) request.password = input.password;
  if (input.clientMetadata) request.clientMetadata = metadata(input.clientMetadata);
  const r = await callTrigger(svc, pool, {
    trigger: 'UserMigration',
    triggerSource: input.source,
    userName: input.username,
    clientId: input.client.id,
    request,
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null },
  });
  const given = r ? responseStringMap(r, 'userAttributes') : undefined;
  if (!r || !given || Object.keys(given).length === 0) return undefined;
  const finalStatus = r.finalUserStatus ?? null;
  if (finalStatus !== null && finalStatus !== 'CONFIRMED' && finalStatus !== 'RESET_REQUIRED') {
    throw errors.invalidLambdaResponse('Invalid lambda response: finalUserStatus must be CONFIRMED or RESET_REQUIRED');
  }
  const action = r.messageAction ?? null;
  if (action !== null && action !== 'SUPPRESS' && action !== 'RESEND') throw errors.invalidLambdaResponse('Invalid lambda response: messageAction must be SUPPRESS or RESEND');
  const mediums = Array.isArray(r.desiredDeliveryMediums) ? r.desiredDeliveryMediums.filter((m): m is 'EMAIL' | 'SMS' => m === 'EMAIL' || m === 'SMS') : [];
  // `username` and `sub` are ours to assign; the rest must fit the pool's schema like any admin-written attributes.
  const { username: _u, sub: _s, ...rest } = given;
  const attrs = checkAttributes(pool, Object.entries(rest).map(([Name, Value]) => ({ Name, Value })), { creating: true, admin: true });
  // Sign-in migration keeps the password the handler just vouched for; forgot-password migration has none
  // (the user must reset), so such a user is RESET_REQUIRED whatever the handler says.
  const status = input.password === undefined ? 'RESET_REQUIRED' : (finalStatus ?? 'CONFIRMED');
  const user = await createUser(svc, pool, {
    username: input.username,
    attributes: attrs,
    password: input.password,
    status,
    forceAlias: r.forceAliasCreation === true,
  });
  svc.log.info({ poolId: pool.id, source: input.source }, 'user migrated by the UserMigration trigger');
  return { user, messageAction: action ?? undefined, desiredDeliveryMediums: mediums };
}

export async function preAuthentication(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  opts: { clientId: string; clientMetadata?: Readonly<Record<string, string>> },
): Promise<void> {
  if (!hasTrigger(pool, 'PreAuthentication')) return;
  const request: Record<string, unknown> = { userAttributes: eventAttributes(pool, user), userNotFound: false, validationData: opts.clientMetadata ? metadata(opts.clientMetadata) : null };
  if (opts.clientMetadata) request.clientMetadata = metadata(opts.clientMetadata);
  await callTrigger(svc, pool, { trigger: 'PreAuthentication', triggerSource: 'PreAuthentication_Authentication', userName: user.username, clientId: opts.clientId, request });
}

export async function postAuthentication(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  opts: { clientId: string; newDeviceUsed?: boolean; clientMetadata?: Readonly<Record<string, string>> },
): Promise<void> {
  if (!hasTrigger(pool, 'PostAuthentication')) return;
  const request: Record<string, unknown> = { userAttributes: eventAttributes(pool, user), newDeviceUsed: opts.newDeviceUsed === true };
  if (opts.clientMetadata) request.clientMetadata = metadata(opts.clientMetadata);
  await callTrigger(svc, pool, { trigger: 'PostAuthentication', triggerSource: 'PostAuthentication_Authentication', userName: user.username, clientId: opts.clientId, request });
}
