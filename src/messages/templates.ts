/**
 * Message texts from the pool's configuration, with Cognito's defaults: verification (sign-up, attribute,
 * password reset) from VerificationMessageTemplate or the legacy Email/SmsVerificationMessage members, and
 * invitations from AdminCreateUserConfig.InviteMessageTemplate. Placeholders: {####} code, {username},
 * {##Verify Email##} link. Never reads or writes the store.
 */
import type { UserPool } from '../user-pools/types.js';

export type Medium = 'EMAIL' | 'SMS';
export interface RenderedMessage { subject?: string; body: string }

const DEFAULTS = {
  verifySubject: 'Your verification code',
  verifyEmail: 'Your verification code is {####}. ',
  verifySms: 'Your verification code is {####}. ',
  linkSubject: 'Your verification link',
  linkEmail: 'Please click the link below to verify your email address. {##Verify Email##} ',
  inviteSubject: 'Your temporary password',
  inviteEmail: 'Your username is {username} and temporary password is {####}. ',
  inviteSms: 'Your username is {username} and temporary password is {####}. ',
};

/** Fills {####}, {username} and {##text##} (a link when one is given). */
export const fill = (t: string, v: { code: string; username?: string; link?: string }) =>
  t
    .replaceAll('{####}', v.code)
    .replaceAll('{username}', v.username ?? '')
    .replace(/\{##([^#]*)##\}/g, (_m, text: string) => (v.link ? `<a href="${v.link}">${text}</a>` : text));

/** The verification message for a code, in the medium it goes by. `link` enables CONFIRM_WITH_LINK e-mails. */
export function verificationMessage(pool: UserPool, medium: Medium, v: { code: string; username: string; link?: string }): RenderedMessage {
  const t = pool.config.VerificationMessageTemplate ?? {};
  if (medium === 'SMS') return { body: fill(t.SmsMessage ?? pool.config.SmsVerificationMessage ?? DEFAULTS.verifySms, v) };
  if (t.DefaultEmailOption === 'CONFIRM_WITH_LINK' && v.link) {
    return { subject: t.EmailSubjectByLink ?? DEFAULTS.linkSubject, body: fill(t.EmailMessageByLink ?? DEFAULTS.linkEmail, v) };
  }
  return {
    subject: t.EmailSubject ?? pool.config.EmailVerificationSubject ?? DEFAULTS.verifySubject,
    body: fill(t.EmailMessage ?? pool.config.EmailVerificationMessage ?? DEFAULTS.verifyEmail, { code: v.code, username: v.username }),
  };
}

/** The AdminCreateUser invitation carrying the temporary password in place of {####}. */
export function invitationMessage(pool: UserPool, medium: Medium, v: { password: string; username: string }): RenderedMessage {
  const t = pool.config.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  if (medium === 'SMS') return { body: fill(t.SMSMessage ?? DEFAULTS.inviteSms, { code: v.password, username: v.username }) };
  return { subject: t.EmailSubject ?? DEFAULTS.inviteSubject, body: fill(t.EmailMessage ?? DEFAULTS.inviteEmail, { code: v.password, username: v.username }) };
}

/** Cognito's masked destination: `u***@e***` for e-mail, `+*******1234` for phones. */
export function maskDestination(medium: Medium, destination: string): string {
  if (medium === 'EMAIL') {
    const at = destination.indexOf('@');
    const local = at > 0 ? destination.slice(0, at) : destination;
    const domain = at >= 0 ? destination.slice(at + 1) : '';
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  const digits = destination.replace(/^\+/, '');
  return `+${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}
