/**
 * Sending codes to a user: pick the channel (sign-up auto-verification, account recovery), issue the code,
 * render the pool's template, deliver, and answer with the masked CodeDeliveryDetails. Also the plausible
 * fake details returned for unknown users when PreventUserExistenceErrors is on.
 */
import { createHmac } from 'node:crypto';
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { issueCode, type CodePurpose } from '../messages/codes.js';
import { deliver } from '../messages/delivery.js';
import { maskDestination, verificationMessage, type Medium } from '../messages/templates.js';
import { looksLikeEmail, looksLikePhone, type Verifiable } from './attributes.js';
import { customMessage, type CustomMessageSource } from '../triggers/custom-message.js';

const MESSAGE_SOURCE: Record<CodePurpose, CustomMessageSource> = {
  signup: 'CustomMessage_SignUp',
  reset: 'CustomMessage_ForgotPassword',
  'verify:email': 'CustomMessage_UpdateUserAttribute',
  'verify:phone_number': 'CustomMessage_UpdateUserAttribute',
};

export interface CodeDeliveryDetails { Destination: string; DeliveryMedium: Medium; AttributeName: string }

export const mediumOf = (attr: Verifiable): Medium => (attr === 'email' ? 'EMAIL' : 'SMS');

/** The attribute a sign-up code goes to: phone first (as Cognito), among AutoVerifiedAttributes the user has. */
export function signUpChannel(pool: UserPool, attrs: Readonly<Record<string, string>>): Verifiable | undefined {
  const auto = (pool.config.AutoVerifiedAttributes ?? []) as string[];
  if (auto.includes('phone_number') && attrs.phone_number) return 'phone_number';
  if (auto.includes('email') && attrs.email) return 'email';
  return undefined;
}

/** The channel for ForgotPassword / AdminResetUserPassword per AccountRecoverySetting (legacy: phone, then e-mail). */
export function recoveryChannel(pool: UserPool, user: UserRecord): Verifiable {
  const a = user.attributes;
  const has = (x: Verifiable) => !!a[x] && a[`${x}_verified`] === 'true';
  const mechanisms = ((pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? []) as { Name: string; Priority: number }[])
    .slice()
    .sort((x, y) => x.Priority - y.Priority);
  if (mechanisms.length === 0) {
    if (has('phone_number')) return 'phone_number';
    if (has('email')) return 'email';
  }
  for (const m of mechanisms) {
    if (m.Name === 'admin_only') throw errors.notAuthorized('Contact administrator to reset password.');
    if (m.Name === 'verified_email' && has('email')) return 'email';
    if (m.Name === 'verified_phone_number' && has('phone_number')) return 'phone_number';
  }
  throw errors.invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
}

/**
 * Issues a code for `purpose`, sends it to the attribute's value (or `destination` for a pending new value)
 * with the pool's verification template, and returns the masked delivery details.
 */
export async function sendCode(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  attr: Verifiable,
  purpose: CodePurpose,
  opts: {
    ttlMs: number; destination?: string; meta?: Record<string, unknown>; clientId?: string; background?: boolean;
    /** CustomMessage triggerSource when not the purpose's usual one (ResendCode, VerifyUserAttribute). */
    messageSource?: CustomMessageSource;
    clientMetadata?: Readonly<Record<string, string>>;
  },
): Promise<CodeDeliveryDetails> {
  const destination = opts.destination ?? user.attributes[attr];
  if (!destination) throw errors.invalidParameter(`The user has no ${attr} to send a code to.`);
  const medium = mediumOf(attr);
  const code = await issueCode(svc, { poolId: pool.id, usernameKey: user.usernameKey, purpose }, { ttlMs: opts.ttlMs, meta: opts.meta });
  const link =
    purpose === 'signup' && opts.clientId
      ? `${confirmUserBase(svc, pool)}/confirmUser?${new URLSearchParams({ client_id: opts.clientId, user_name: user.username, confirmation_code: code })}`
      : undefined;
  const values = { code, username: user.username, link };
  const msg = await customMessage(svc, pool, {
    source: opts.messageSource ?? MESSAGE_SOURCE[purpose],
    medium,
    user,
    rendered: verificationMessage(pool, medium, values),
    values,
    clientId: opts.clientId,
    clientMetadata: opts.clientMetadata,
  });
  await deliver(svc, { poolId: pool.id, username: user.username, medium, destination, subject: msg.subject, body: msg.body, code }, { background: opts.background });
  return { Destination: maskDestination(medium, destination), DeliveryMedium: medium, AttributeName: attr };
}

/**
 * Where a CONFIRM_WITH_LINK e-mail points: Cognito's `https://{domain}/confirmUser`. The pool's prefix domain
 * by its path form under the public URL (it resolves without DNS for the prefix host), else its custom
 * domain, else the public URL itself (the API listener finds the pool from client_id).
 */
export function confirmUserBase(svc: Services, pool: UserPool): string {
  const publicUrl = svc.config.publicUrl.replace(/\/+$/, '');
  if (typeof pool.config.Domain === 'string') return `${publicUrl}/domain/${pool.config.Domain}`;
  if (typeof pool.config.CustomDomain === 'string') return `https://${pool.config.CustomDomain}`;
  return publicUrl;
}

/** Stable, plausible delivery details for a name that matches no user (PreventUserExistenceErrors). */
export function fakeDelivery(svc: Services, pool: UserPool, username: string): CodeDeliveryDetails {
  if (looksLikeEmail(username)) return { Destination: maskDestination('EMAIL', username), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  if (looksLikePhone(username)) return { Destination: maskDestination('SMS', username), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  const h = createHmac('sha256', svc.box.fingerprint).update(`${pool.id}\n${username}`).digest();
  const auto = (pool.config.AutoVerifiedAttributes ?? []) as string[];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  if (auto.includes('phone_number') && !auto.includes('email')) {
    const digits = String(1000 + (h.readUInt16BE(0) % 9000));
    return { Destination: `+*******${digits}`, DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
  return { Destination: `${letters[h[2] % 26]}***@${letters[h[3] % 26]}***`, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}
