/**
 * Message delivery: the confirmation e-mail reaches a real SMTP sink (smtp-server) with the code, SMS goes to
 * the webhook as signed JSON, and the development outbox is closed in production mode.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, admin, attrs, createClient, createPool, failure, outbox } from './fixtures.js';

interface Mail { from: string; to: string[]; raw: string }

for (const d of DIALECTS) {
  describe(`delivery (${d})`, () => {
    let s: TestServer;
    let smtp: SMTPServer;
    let hook: Server;
    const mails: Mail[] = [];
    const sms: { body: string; signature?: string }[] = [];
    before(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, cb) {
          let raw = '';
          stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
          stream.on('end', () => {
            mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
            cb();
          });
        },
      });
      await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
      hook = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          sms.push({ body, signature: req.headers['x-cognate-signature'] as string | undefined });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
      const smtpPort = (smtp.server.address() as AddressInfo).port;
      const hookPort = (hook.address() as AddressInfo).port;
      s = await startTestServer(d, {
        overrides: {
          smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'x@y.z' },
          sms: { webhookUrl: `http://127.0.0.1:${hookPort}/sms`, secret: 'hook-secret' },
        },
      });
    });
    after(async () => {
      await s.stop();
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => hook.close(() => r()));
    });

    it('mails the confirmation code over SMTP', async () => {
      const poolId = await createPool(s, {
        AutoVerifiedAttributes: ['email'],
        VerificationMessageTemplate: { EmailSubject: 'Confirm your account', EmailMessage: 'Your code: {####}', DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      });
      const clientId = (await createClient(s, poolId)).id;
      await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'quinn', Password: PASSWORD, UserAttributes: attrs({ email: 'quinn@example.com' }) }));
      const mail = mails.find((m) => m.to.includes('quinn@example.com'));
      assert.ok(mail, 'the sink received the e-mail');
      assert.equal(mail.from, 'x@y.z');
      assert.match(mail.raw, /Subject: Confirm your account/);
      const code = /Your code: (\d{6})/.exec(mail.raw)?.[1];
      assert.ok(code, 'the e-mail carries the code');
      const [kept] = await outbox(s.url, poolId, 'quinn');
      assert.equal(kept.code, code, 'development mode also keeps it in the outbox');
      await s.publicIdp.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'quinn', ConfirmationCode: code }));
    });

    it('sends SMS codes to the webhook, signed', async () => {
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['phone_number'] });
      const clientId = (await createClient(s, poolId)).id;
      const r = await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'rosa', Password: PASSWORD, UserAttributes: attrs({ phone_number: '+15555551234' }) }));
      assert.deepEqual(r.CodeDeliveryDetails, { Destination: '+*******1234', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
      const m = sms.at(-1)!;
      const body = JSON.parse(m.body) as { to: string; message: string };
      assert.equal(body.to, '+15555551234');
      assert.match(body.message, /\d{6}/);
      assert.equal(m.signature, createHmac('sha256', 'hook-secret').update(m.body).digest('hex'));
    });

    it('sends AdminCreateUser invitations by SMS in a phone-as-username pool', async () => {
      const poolId = await createPool(s, { UsernameAttributes: ['phone_number'] });
      const r = await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '+15555550100', TemporaryPassword: 'Temp-Pass-123', DesiredDeliveryMediums: ['SMS'] }));
      assert.match(r.User!.Username!, /^[0-9a-f-]{36}$/, 'the stored username is the sub');
      const body = JSON.parse(sms.at(-1)!.body) as { to: string; message: string };
      assert.deepEqual(body, { to: '+15555550100', message: 'Your username is +15555550100 and temporary password is Temp-Pass-123. ' });
      const notPhone = await failure(admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'someone' })));
      assert.deepEqual([notPhone.name, notPhone.message], ['InvalidParameterException', 'Username should be a phone number.']);
    });
  });
}

describe('development outbox in production mode', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sqlite', { overrides: { mode: 'production' } });
  });
  after(() => s.stop());

  it('is not served, and nothing is kept', async () => {
    const res = await fetch(`${s.url}/_dev/outbox`);
    assert.equal(res.status, 404);
    const poolId = await createPool(s, {});
    const clientId = (await createClient(s, poolId)).id;
    await s.publicIdp.send(new SignUpCommand({ ClientId: clientId, Username: 'sam', Password: PASSWORD }));
    const rows = await s.svc.db.selectFrom('outbox').selectAll().execute();
    assert.equal(rows.length, 0);
  });
});

for (const d of DIALECTS) {
  describe(`delivery failures (${d})`, () => {
    let s: TestServer;
    before(async () => {
      const probe = createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
      const dead = (probe.address() as AddressInfo).port;
      await new Promise<void>((r) => probe.close(() => r()));
      s = await startTestServer(d, { overrides: { smtp: { url: `smtp://127.0.0.1:${dead}`, from: 'x@y.z' } } });
    });
    after(() => s.stop());

    it('reports CodeDeliveryFailureException, except where the answer must not reveal whether a message was sent', async () => {
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'] });
      const legacy = (await createClient(s, poolId, { PreventUserExistenceErrors: 'LEGACY' })).id;
      const hidden = (await createClient(s, poolId, { PreventUserExistenceErrors: 'ENABLED' })).id;
      await admin(s).send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'tess', MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'tess@example.com', email_verified: 'true' }) }));
      await admin(s).send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'tess', Password: PASSWORD, Permanent: true }));
      const e = await failure(s.publicIdp.send(new ForgotPasswordCommand({ ClientId: legacy, Username: 'tess' })));
      assert.equal(e.name, 'CodeDeliveryFailureException');
      const r = await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: hidden, Username: 'tess' }));
      assert.equal(r.CodeDeliveryDetails?.Destination, 't***@e***');
      assert.equal((await outbox(s.url, poolId, 'tess')).length, 2, 'the outbox still has both codes');
    });
  });
}
