/**
 * The CustomMessage trigger: before a code (or an invitation) is sent, the handler may rewrite the e-mail
 * subject and body or the SMS text. It sees placeholders, never the code itself (codeParameter "{####}",
 * linkParameter "{##Click Here##}", usernameParameter "{username}" for invitations), and Cognate fills them in
 * afterwards. A rewritten message that drops the code placeholder is ignored in favour of the pool's template,
 * so a handler bug cannot send a user a message without their code.
 */
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { fill, type Medium, type RenderedMessage } from '../messages/templates.js';
import { callTrigger, hasTrigger } from './invoke.js';
import { eventAttributes, metadata } from './events.js';

export type CustomMessageSource =
  | 'CustomMessage_SignUp' | 'CustomMessage_AdminCreateUser' | 'CustomMessage_ResendCode' | 'CustomMessage_ForgotPassword'
  | 'CustomMessage_UpdateUserAttribute' | 'CustomMessage_VerifyUserAttribute' | 'CustomMessage_Authentication';

export const CODE_PARAMETER = '{####}';
export const LINK_PARAMETER = '{##Click Here##}';
export const USERNAME_PARAMETER = '{username}';

export interface CustomMessageInput {
  source: CustomMessageSource;
  medium: Medium;
  user: Pick<UserRecord, 'sub' | 'status' | 'attributes' | 'username'>;
  /** The message from the pool's templates, already filled in: used when the handler leaves it alone. */
  rendered: RenderedMessage;
  /** What the placeholders stand for. */
  values: { code: string; username?: string; link?: string };
  clientId?: string;
  clientMetadata?: Readonly<Record<string, string>>;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

export async function customMessage(svc: Services, pool: UserPool, input: CustomMessageInput): Promise<RenderedMessage> {
  if (!hasTrigger(pool, 'CustomMessage')) return input.rendered;
  const request: Record<string, unknown> = {
    userAttributes: eventAttributes(pool, input.user),
    codeParameter: CODE_PARAMETER,
    linkParameter: LINK_PARAMETER,
    usernameParameter: input.source === 'CustomMessage_AdminCreateUser' ? USERNAME_PARAMETER : null,
  };
  if (input.clientMetadata) request.clientMetadata = metadata(input.clientMetadata);
  const r = await callTrigger(svc, pool, {
    trigger: 'CustomMessage',
    triggerSource: input.source,
    userName: input.user.username,
    clientId: input.clientId,
    request,
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (!r) return input.rendered;
  const keepsCode = (t: string) => t.includes(CODE_PARAMETER) || (input.values.link !== undefined && /\{##[^#]*##\}/.test(t));
  if (input.medium === 'SMS') {
    const sms = str(r.smsMessage);
    if (sms && keepsCode(sms)) return { body: fill(sms, input.values) };
    if (sms) svc.log.warn({ poolId: pool.id, source: input.source }, 'CustomMessage smsMessage lacks {####}; the template was used');
    return input.rendered;
  }
  const body = str(r.emailMessage);
  const subject = str(r.emailSubject);
  if (body && !keepsCode(body)) {
    svc.log.warn({ poolId: pool.id, source: input.source }, 'CustomMessage emailMessage lacks {####}; the template was used');
    return input.rendered;
  }
  return { subject: subject ?? input.rendered.subject, body: body ? fill(body, input.values) : input.rendered.body };
}
