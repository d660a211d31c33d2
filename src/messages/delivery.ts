/**
 * Sends messages: e-mail over SMTP (nodemailer) when `smtp` is configured, SMS as a signed JSON POST to the
 * configured webhook, and — in development mode only — a copy of every message in the outbox table so people
 * and tests can read codes. A configured transport that fails raises CodeDeliveryFailureException; the log
 * names the transport and error but never the message body or code.
 */
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { errors } from '../errors.js';
import { ids } from '../crypto/random.js';
import { perServices, type Services } from '../services.js';
import { outboxRepo } from '../store/outbox-repo.js';
import type { Medium } from './templates.js';

export interface OutgoingMessage {
  poolId: string;
  /** Canonical username of the recipient. */
  username: string;
  medium: Medium;
  /** Unmasked e-mail address or phone number. */
  destination: string;
  subject?: string;
  body: string;
  /** The code carried, kept as its own field in the development outbox. */
  code?: string;
}

let sequence = 0;

const mailer = perServices((svc): Transporter | undefined => {
  const smtp = svc.config.smtp;
  if (!smtp) return undefined;
  const url = new URL(smtp.url);
  const secure = url.protocol === 'smtps:';
  const q = url.searchParams;
  return nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ignoreTLS: q.get('ignoreTLS') === 'true',
    requireTLS: q.get('requireTLS') === 'true',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    tls: q.get('rejectUnauthorized') === 'false' ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
});

async function sendEmail(svc: Services, m: OutgoingMessage): Promise<boolean> {
  const t = mailer(svc);
  if (!t) return false;
  await t.sendMail({ from: svc.config.smtp!.from, to: m.destination, subject: m.subject ?? '', text: m.body, html: /<a\s/i.test(m.body) ? m.body : undefined });
  return true;
}

async function sendSms(svc: Services, m: OutgoingMessage): Promise<boolean> {
  const sms = svc.config.sms;
  if (!sms) return false;
  const body = JSON.stringify({ to: m.destination, message: m.body });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sms.secret) headers['x-cognate-signature'] = createHmac('sha256', sms.secret).update(body).digest('hex');
  const res = await fetch(sms.webhookUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`SMS webhook answered HTTP ${res.status}`);
  return true;
}

/**
 * Delivers one message (outbox copy in development mode first). With `background` the transport runs after the
 * caller has answered — used where the answer must not reveal by its timing whether a message was sent at all
 * (PreventUserExistenceErrors); a failure is then only logged.
 */
export async function deliver(svc: Services, m: OutgoingMessage, opts: { background?: boolean } = {}): Promise<void> {
  const dev = svc.config.mode === 'development';
  if (dev) {
    const now = svc.clock.now();
    await outboxRepo.insert(svc.db, {
      // Sorts by time and then by sending order within this process, so "newest first" holds within a millisecond.
      id: `${String(now).padStart(15, '0')}-${String(++sequence).padStart(12, '0')}-${ids.opaque(6)}`,
      pool_id: m.poolId,
      username: m.username,
      medium: m.medium,
      destination: m.destination,
      subject: m.subject ?? null,
      body: m.body,
      code: m.code ?? null,
      created_at: now,
    });
  }
  const what = m.medium === 'EMAIL' ? 'e-mail' : 'SMS';
  const send = async () => {
    let sent: boolean;
    try {
      sent = m.medium === 'EMAIL' ? await sendEmail(svc, m) : await sendSms(svc, m);
    } catch (e) {
      svc.log.error({ err: (e as Error).message, medium: m.medium, poolId: m.poolId }, 'message delivery failed');
      throw errors.codeDeliveryFailure(`Unable to deliver the ${what} message.`);
    }
    if (!sent && !dev) {
      svc.log.error({ medium: m.medium, poolId: m.poolId }, `no ${m.medium === 'EMAIL' ? 'smtp' : 'sms'} transport is configured`);
      throw errors.codeDeliveryFailure(`Unable to deliver the ${what} message: no transport is configured.`);
    }
  };
  if (opts.background) void send().catch(() => undefined);
  else await send();
}
