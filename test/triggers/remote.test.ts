/**
 * The same PreSignUp handler reached remotely: (b) over HTTP with the HMAC-SHA256 signature header checked by the
 * receiving endpoint (threat: a forged event accepted by the customer's function), and (c) through the Lambda
 * Invoke API (POST /2015-03-31/functions/{name}/invocations, SigV4 for service "lambda", recomputed here) served by
 * a small local HTTP server. Function errors and endpoint failures map to Cognito's errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminGetUserCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { DIALECTS, type TestServer } from '../helpers/server.js';
import { attrs, createClient, createPool, failure, PASSWORD } from '../users/fixtures.js';
import { fixture, triggerServer } from './helpers.js';

const HOOK_SECRET = 'webhook-secret-for-tests-0001';
const LAMBDA_KEYS = { accessKeyId: 'AKIALAMBDATEST000001', secretAccessKey: 'lambda-test-secret-key-000000000001' };
const { handler } = (await import(fixture('pre-sign-up'))) as { handler: (e: any) => Promise<any> };

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (b += c));
    req.on('end', () => resolve(b));
  });

interface Seen { path: string; signatureOk?: boolean; sigv4Ok?: boolean; event?: any }

/** A stand-in for the customer's endpoint and for a Lambda-compatible runtime. */
async function fakeLambda(seen: Seen[]): Promise<Server> {
  const server = createServer(async (req, res) => {
    const text = await body(req);
    const path = req.url ?? '';
    const record: Seen = { path };
    seen.push(record);
    let event: any;
    try {
      event = JSON.parse(text);
      record.event = JSON.parse(text); // as sent, before the handler changes its copy
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.startsWith('/hook/')) {
      const ts = String(req.headers['x-cognate-timestamp']);
      const expected = Buffer.from(`sha256=${createHmac('sha256', HOOK_SECRET).update(`${ts}.${text}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-cognate-signature'] ?? ''));
      record.signatureOk = given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      if (!record.signatureOk) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad signature"}');
      if (path === '/hook/broken') return void res.writeHead(502).end('upstream down');
      let out: unknown;
      try {
        out = await handler(event);
      } catch (e) {
        return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errorType: 'Error', errorMessage: (e as Error).message }));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      return;
    }
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path);
    if (!m) return void res.writeHead(404).end();
    // Recompute the SigV4 signature from what arrived.
    const amzDate = String(req.headers['x-amz-date']);
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const port = (server.address() as AddressInfo).port;
    const check = await new SignatureV4({ service: 'lambda', region: 'us-east-1', credentials: LAMBDA_KEYS, sha256: Sha256 }).sign(
      new HttpRequest({
        method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-amz-invocation-type': String(req.headers['x-amz-invocation-type']) },
        body: text,
      }),
      { signingDate },
    );
    record.sigv4Ok = check.headers.authorization === req.headers.authorization;
    if (!record.sigv4Ok) return void res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidSignatureException' }).end('{}');
    const name = decodeURIComponent(m[1]!);
    if (name.endsWith(':function:missing')) {
      return void res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }).end('{"Type":"User","message":"Function not found"}');
    }
    let out: unknown;
    try {
      out = await handler(event);
    } catch (e) {
      return void res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify({ errorType: 'Error', errorMessage: (e as Error).message, trace: [] }));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

for (const dialect of DIALECTS) {
  describe(`remote triggers (${dialect})`, () => {
    let s: TestServer;
    let lambda: Server;
    const seen: Seen[] = [];
    before(async () => {
      lambda = await fakeLambda(seen);
      const base = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
      s = await triggerServer(dialect, { endpoint: base, ...LAMBDA_KEYS }, {
        'hook-pre-sign-up': { url: `${base}/hook/pre-sign-up`, secret: HOOK_SECRET },
        'hook-wrong-secret': { url: `${base}/hook/pre-sign-up`, secret: 'not-the-secret-the-endpoint-knows' },
        'hook-broken': { url: `${base}/hook/broken`, secret: HOOK_SECRET },
      });
    });
    after(async () => {
      await s.stop();
      await new Promise((resolve) => lambda.close(resolve));
    });

    async function signUpVia(preSignUp: string, username: string, email = `${username}@example.com`) {
      const poolId = await createPool(s, { AutoVerifiedAttributes: ['email'], LambdaConfig: { PreSignUp: preSignUp } });
      const clientId = (await createClient(s, poolId)).id;
      const p = s.publicIdp.send(new SignUpCommand({
        ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: attrs({ email }), ValidationData: attrs({ invite: 'wanted' }),
      }));
      return { poolId, clientId, p };
    }

    it('over HTTP: the event arrives signed, in Cognito\'s shape, and the answer auto-confirms', async () => {
      const { poolId, clientId, p } = await signUpVia('hook-pre-sign-up', 'http-user');
      assert.equal((await p).UserConfirmed, true);
      assert.equal((await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'http-user' }))).UserStatus, 'CONFIRMED');
      const hit = seen.filter((x) => x.path === '/hook/pre-sign-up').at(-1)!;
      assert.equal(hit.signatureOk, true);
      assert.equal(hit.event.version, '1');
      assert.equal(hit.event.triggerSource, 'PreSignUp_SignUp');
      assert.equal(hit.event.region, 'us-east-1');
      assert.equal(hit.event.userPoolId, poolId);
      assert.equal(hit.event.userName, 'http-user');
      assert.deepEqual(hit.event.callerContext, { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId });
      assert.deepEqual(hit.event.request, { userAttributes: { email: 'http-user@example.com' }, validationData: { invite: 'wanted' } });
      assert.deepEqual(hit.event.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
    });

    it('over HTTP: a wrong secret is refused by the endpoint, a handler error and an endpoint failure map to Cognito errors', async () => {
      const forged = await failure((await signUpVia('hook-wrong-secret', 'forged')).p);
      assert.equal(forged.name, 'UnexpectedLambdaException');
      assert.equal(seen.filter((x) => x.path === '/hook/pre-sign-up').at(-1)!.signatureOk, false);
      const thrown = await failure((await signUpVia('hook-pre-sign-up', 'blocked', 'x@blocked.example')).p);
      assert.deepEqual([thrown.name, thrown.message], ['UserLambdaValidationException', 'PreSignUp failed with error Domain not allowed.']);
      const broken = await failure((await signUpVia('hook-broken', 'broken')).p);
      assert.deepEqual([broken.name, broken.message], ['UnexpectedLambdaException', 'PreSignUp invocation failed due to error Lambda function endpoint answered HTTP 502.']);
    });

    it('through the Lambda Invoke API: SigV4-signed, same handler, same answers', async () => {
      const fn = 'arn:aws:lambda:us-east-1:123456789012:function:remote-pre-sign-up';
      const { poolId, p } = await signUpVia(fn, 'invoke-user');
      assert.equal((await p).UserConfirmed, true);
      assert.equal((await s.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'invoke-user' }))).UserStatus, 'CONFIRMED');
      const hit = seen.filter((x) => x.path.includes('remote-pre-sign-up')).at(-1)!;
      assert.equal(hit.path, `/2015-03-31/functions/${encodeURIComponent(fn)}/invocations`);
      assert.equal(hit.sigv4Ok, true);
      assert.equal(hit.event.triggerSource, 'PreSignUp_SignUp');

      const thrown = await failure((await signUpVia(fn, 'blocked2', 'y@blocked.example')).p);
      assert.deepEqual([thrown.name, thrown.message], ['UserLambdaValidationException', 'PreSignUp failed with error Domain not allowed.']);
      const missing = await failure((await signUpVia('arn:aws:lambda:us-east-1:123456789012:function:missing', 'nofn')).p);
      assert.deepEqual([missing.name, missing.message], ['UnexpectedLambdaException', 'PreSignUp invocation failed due to error ResourceNotFoundException.']);
    });
  });
}
