/**
 * User import jobs driven the way Cognito's guide does it, with the AWS SDK and an HTTP PUT of the CSV to the
 * PreSignedUrl: GetCSVHeader → CreateUserImportJob → PUT → StartUserImportJob → DescribeUserImportJob until it
 * ends. Imported users are in RESET_REQUIRED with their attributes, reset their password by ForgotPassword and
 * sign in; bad rows are counted as failed with their reasons, duplicates skipped. Threat: anyone who learns a
 * job id uploads their own users — a tampered or missing upload token is refused and nothing is stored.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand, AdminGetUserCommand, ConfirmForgotPasswordCommand, CreateUserImportJobCommand, DescribeUserImportJobCommand,
  ForgotPasswordCommand, GetCSVHeaderCommand, InitiateAuthCommand, ListUserImportJobsCommand, StartUserImportJobCommand, StopUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DIALECTS, startTestServer, type TestServer } from '../helpers/server.js';
import { attrMap, createClient, createPool, failure, lastCode } from '../users/fixtures.js';
import { csvLine, upload, waitForJob } from './fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';

for (const dialect of DIALECTS) {
  describe(`user import jobs (${dialect})`, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;
    let header: string[];
    before(async () => {
      s = await startTestServer(dialect);
      poolId = await createPool(s, {
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }],
      });
      clientId = (await createClient(s, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })).id;
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'erin', MessageAction: 'SUPPRESS' }));
      header = (await s.idp.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader!;
    });
    after(() => s.stop());

    const row = (values: Record<string, string>) => csvLine(header.map((h) => values[h] ?? ''));

    it('GetCSVHeader lists the standard attributes, the custom ones and the cognito: columns', () => {
      for (const c of ['name', 'given_name', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'custom:tier', 'cognito:mfa_enabled', 'cognito:username']) {
        assert.ok(header.includes(c), `${c} in ${header.join(',')}`);
      }
    });

    it('imports a CSV uploaded to the PreSignedUrl; users reset their password and sign in', async () => {
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'first import', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      assert.equal(job.Status, 'Created');
      assert.ok(job.PreSignedUrl!.startsWith(`${s.url}/`), job.PreSignedUrl);
      assert.equal(job.CloudWatchLogsRoleArn, ROLE);
      const early = await failure(s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId })));
      assert.equal(early.name, 'PreconditionNotMetException');

      const csv = [
        csvLine(header),
        row({ 'cognito:username': 'alice', email: 'alice@example.com', email_verified: 'TRUE', given_name: 'Alice, "Al"', 'custom:tier': 'gold', 'cognito:mfa_enabled': 'false' }),
        row({ 'cognito:username': 'bob', email: 'bob@example.com', email_verified: 'true', phone_number: '+15550100', phone_number_verified: 'true', 'cognito:mfa_enabled': 'true' }),
        row({ 'cognito:username': 'carol', email: 'not-an-email', email_verified: 'true', 'cognito:mfa_enabled': 'false' }),
        row({ 'cognito:username': 'dave', email: 'dave@example.com', email_verified: 'false', 'cognito:mfa_enabled': 'false' }),
        row({ 'cognito:username': 'alice', email: 'alice2@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false' }),
        row({ 'cognito:username': 'erin', email: 'erin@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false' }),
        'frank,too,few',
      ].join('\r\n');
      const put = await upload(job.PreSignedUrl!, csv);
      assert.equal(put.status, 200, await put.text());

      const started = (await s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }))).UserImportJob!;
      assert.ok(['Pending', 'InProgress', 'Succeeded'].includes(started.Status!), started.Status);
      assert.ok(started.StartDate instanceof Date);
      const done = await waitForJob(s, poolId, job.JobId!);
      assert.equal(done.Status, 'Succeeded', done.CompletionMessage);
      assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 2, 3]);
      assert.ok(done.CompletionDate instanceof Date);
      assert.match(done.CompletionMessage!, /line 4 \(carol\): email: Invalid email address format/);
      assert.match(done.CompletionMessage!, /line 5 \(dave\): .*verified email or phone number/);
      assert.match(done.CompletionMessage!, /line 8: the row has 3 values; the header has \d+ columns/);

      const alice = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }));
      assert.equal(alice.UserStatus, 'RESET_REQUIRED');
      const a = attrMap(alice.UserAttributes);
      assert.equal(a.given_name, 'Alice, "Al"');
      assert.equal(a['custom:tier'], 'gold');
      assert.equal(a.email, 'alice@example.com');
      assert.equal(a.email_verified, 'true');
      assert.match(a.sub!, /^[0-9a-f-]{36}$/);
      const bob = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }));
      assert.deepEqual(bob.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
      const erin = await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' }));
      assert.equal(erin.UserStatus, 'FORCE_CHANGE_PASSWORD', 'an existing user is left as it was');
      assert.equal((await failure(s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' })))).name, 'UserNotFoundException');

      const signIn = (password: string) =>
        s.publicIdp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: password } }));
      assert.equal((await failure(signIn('Anything-1a'))).name, 'PasswordResetRequiredException');
      const sent = await s.publicIdp.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' }));
      assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
      const code = await lastCode(s.url, poolId, 'alice');
      await s.publicIdp.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code, Password: 'Imported-Pass-1' }));
      const tokens = (await signIn('Imported-Pass-1')).AuthenticationResult!;
      assert.ok(tokens.AccessToken && tokens.IdToken);
      assert.equal((await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus, 'CONFIRMED');

      const again = await failure(s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId })));
      assert.equal(again.name, 'PreconditionNotMetException');
      assert.equal((await upload(job.PreSignedUrl!, csv)).status, 409, 'a started job takes no more uploads');
      const stop = await failure(s.idp.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId })));
      assert.equal(stop.name, 'PreconditionNotMetException');
    });

    it('refuses an upload URL with a tampered or missing token and stores nothing', async () => {
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'tamper', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      const url = new URL(job.PreSignedUrl!);
      const token = url.searchParams.get('token')!;
      assert.ok(token.length >= 43, 'the token carries at least 256 bits');
      const csv = [csvLine(header), row({ 'cognito:username': 'mallory', email: 'm@example.com', email_verified: 'true' })].join('\n');
      const flipped = new URL(url);
      flipped.searchParams.set('token', (token[0] === 'A' ? 'B' : 'A') + token.slice(1));
      const missing = new URL(url);
      missing.searchParams.delete('token');
      const otherJob = new URL(url);
      otherJob.pathname = otherJob.pathname.replace(job.JobId!, 'import-AAAAAAAAAA');
      for (const bad of [flipped, missing, otherJob]) {
        const r = await upload(bad.href, csv);
        assert.equal(r.status, 403, bad.href);
      }
      const start = await failure(s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId })));
      assert.equal(start.name, 'PreconditionNotMetException', 'no file was stored by the refused uploads');
      assert.match(start.message, /no CSV file/);
    });

    it('fails a job whose header does not match the pool, and lists jobs page by page', async () => {
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'bad header', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      await upload(job.PreSignedUrl!, 'cognito:username,favourite_colour\nzed,blue\n');
      await s.idp.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }));
      const done = await waitForJob(s, poolId, job.JobId!);
      assert.equal(done.Status, 'Failed');
      assert.match(done.CompletionMessage!, /favourite_colour/);
      assert.equal(done.ImportedUsers, 0);

      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await s.idp.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: token }));
        assert.ok(page.UserImportJobs!.length <= 2);
        seen.push(...page.UserImportJobs!.map((j) => j.JobId!));
        token = page.PaginationToken;
      } while (token);
      assert.equal(seen.length, 3);
      assert.ok(seen.includes(job.JobId!));
      const bad = await failure(s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'x', CloudWatchLogsRoleArn: 'not-an-arn' })));
      assert.equal(bad.name, 'InvalidParameterException');
      const gone = await failure(s.idp.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: 'import-nosuchjob1' })));
      assert.equal(gone.name, 'ResourceNotFoundException');
    });

    it('in an e-mail-as-username pool, a user whose e-mail is already taken is skipped', async () => {
      const byEmail = await createPool(s, { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
      await s.idp.send(new AdminCreateUserCommand({ UserPoolId: byEmail, Username: 'old@example.com', MessageAction: 'SUPPRESS' }));
      const h = (await s.idp.send(new GetCSVHeaderCommand({ UserPoolId: byEmail }))).CSVHeader!;
      const r = (v: Record<string, string>) => csvLine(h.map((c) => v[c] ?? ''));
      const csv = [
        csvLine(h),
        r({ 'cognito:username': 'new@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false' }),
        r({ 'cognito:username': 'new@example.com', email_verified: 'true', given_name: 'second row' }),
        r({ 'cognito:username': 'old@example.com', email_verified: 'true' }),
        r({ 'cognito:username': 'not-an-email', email_verified: 'true' }),
      ].join('\n');
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: byEmail, JobName: 'by email', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      await upload(job.PreSignedUrl!, csv);
      await s.idp.send(new StartUserImportJobCommand({ UserPoolId: byEmail, JobId: job.JobId }));
      const done = await waitForJob(s, byEmail, job.JobId!);
      assert.deepEqual([done.Status, done.ImportedUsers, done.SkippedUsers, done.FailedUsers], ['Succeeded', 1, 2, 1], done.CompletionMessage);
      assert.match(done.CompletionMessage!, /line 5 \(not-an-email\): cognito:username: Username should be an email/);
      const u = await s.idp.send(new AdminGetUserCommand({ UserPoolId: byEmail, Username: 'new@example.com' }));
      assert.equal(u.UserStatus, 'RESET_REQUIRED');
      assert.equal(attrMap(u.UserAttributes).email, 'new@example.com');
      assert.equal(u.Username, attrMap(u.UserAttributes).sub, 'the stored username is the sub, as for SignUp');
    });

    it('reports a job never started within a day as Expired', async () => {
      const job = (await s.idp.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'late', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      await upload(job.PreSignedUrl!, csvLine(header));
      s.clock.advance(25 * 3600_000);
      try {
        const { admin } = await import('../users/fixtures.js');
        const d = (await admin(s).send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }))).UserImportJob!;
        assert.equal(d.Status, 'Expired');
        assert.equal((await upload(job.PreSignedUrl!, csvLine(header))).status, 403);
        const start = await failure(admin(s).send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId })));
        assert.equal(start.name, 'PreconditionNotMetException');
      } finally {
        s.clock.advance(-25 * 3600_000);
      }
    });
  });
}
