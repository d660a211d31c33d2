/**
 * The AWS JSON 1.1 wire contract as clients see it: error names in `__type` and `x-amzn-ErrorType`, 4xx for
 * every client mistake (the SDK retries 5xx), request ids, CORS for browsers, body limits, health and metrics.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startTestServer, idpClient, DIALECTS, type TestServer } from '../helpers/server.js';
import { createAccessKey, deleteAccessKey } from '../../src/operators/access-keys.js';

const target = (op: string) => `AWSCognitoIdentityProviderService.${op}`;

for (const dialect of DIALECTS) {
  describe(`AWS JSON protocol (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect, { overrides: { maxBodyBytes: 4096 } });
    });
    after(() => s.stop());

    const post = (headers: Record<string, string>, body: string) => fetch(s.url + '/', { method: 'POST', headers, body });

    it('answers a signed call and puts a request id on every response', async () => {
      const out = await s.idp.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      assert.ok(Array.isArray(out.UserPools));
      assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    });

    it('an unknown operation is a 400 UnknownOperationException in body and header', async () => {
      const r = await post({ 'x-amz-target': target('NoSuchOperation'), 'content-type': 'application/x-amz-json-1.1' }, '{}');
      assert.equal(r.status, 400);
      assert.equal(r.headers.get('x-amzn-errortype'), 'UnknownOperationException:');
      assert.match(r.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
      const body = await r.json();
      assert.equal(body.__type, 'UnknownOperationException');
      assert.match(body.message, /NoSuchOperation/);
    });

    it('malformed JSON, a non-object body and a wrong content type are SerializationException', async () => {
      for (const [ct, body] of [
        ['application/x-amz-json-1.1', '{"MaxResults":'],
        ['application/x-amz-json-1.1', '[1,2]'],
        ['text/html', '{}'],
      ]) {
        const r = await post({ 'x-amz-target': target('SignUp'), 'content-type': ct }, body);
        assert.equal(r.status, 400, `${ct} ${body}`);
        assert.equal((await r.json()).__type, 'SerializationException');
      }
    });

    it('an oversize body is refused with a 4xx naming the limit, and the server keeps serving', async () => {
      const r = await post({ 'x-amz-target': target('SignUp'), 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify({ x: 'a'.repeat(10_000) }));
      assert.equal(r.status, 400);
      const body = await r.json();
      assert.equal(body.__type, 'InvalidParameterException');
      assert.match(body.message, /4096 bytes/);
      assert.equal((await fetch(s.url + '/health')).status, 200);
    });

    it('a wrongly typed member is InvalidParameterException naming the field', async () => {
      await assert.rejects(s.idp.send(new ListUserPoolsCommand({ MaxResults: 0 })), (e: Error) => e.name === 'InvalidParameterException' && /maxResults/.test(e.message));
      const r = await fetch(s.url + '/', { method: 'POST', headers: { 'x-amz-target': target('SignUp'), 'content-type': 'application/x-amz-json-1.1' }, body: '{"ClientId":5}' });
      const body = await r.json();
      assert.equal(body.__type, 'InvalidParameterException');
      assert.match(body.message, /clientId/);
    });

    it('threat: an unsigned admin call is refused with MissingAuthenticationTokenException', async () => {
      const r = await post({ 'x-amz-target': target('ListUserPools'), 'content-type': 'application/x-amz-json-1.1' }, '{"MaxResults":10}');
      assert.ok(r.status >= 400 && r.status < 500);
      assert.equal((await r.json()).__type, 'MissingAuthenticationTokenException');
    });

    it('threat: a call signed with a wrong secret or an unknown key is refused', async () => {
      const wrong = idpClient(s.url, { accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'not-the-right-secret-at-all' });
      await assert.rejects(wrong.send(new ListUserPoolsCommand({ MaxResults: 1 })), { name: 'InvalidSignatureException' });
      const unknown = idpClient(s.url, { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'not-the-right-secret-at-all' });
      await assert.rejects(unknown.send(new ListUserPoolsCommand({ MaxResults: 1 })), { name: 'UnrecognizedClientException' });
    });

    it('threat: a call signed by a deleted key is refused at once', async () => {
      const k = await createAccessKey(s.svc, 'temporary');
      const c = idpClient(s.url, k);
      await c.send(new ListUserPoolsCommand({ MaxResults: 1 }));
      assert.equal(await deleteAccessKey(s.svc, k.accessKeyId), true);
      await assert.rejects(c.send(new ListUserPoolsCommand({ MaxResults: 1 })), { name: 'UnrecognizedClientException' });
    });

    it('answers CORS preflight and exposes the error headers to browsers', async () => {
      const pre = await fetch(s.url + '/', {
        method: 'OPTIONS',
        headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target,content-type,amz-sdk-request' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-amz-target/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /amz-sdk-request/);
      const err = await post({ 'x-amz-target': target('Nope'), 'content-type': 'application/x-amz-json-1.1', origin: 'http://app.example' }, '{}');
      assert.equal(err.headers.get('access-control-allow-origin'), '*');
      assert.match(err.headers.get('access-control-expose-headers') ?? '', /x-amzn-ErrorType/);
    });

    it('serves /health and Prometheus /metrics with per-operation counters', async () => {
      const h = await (await fetch(s.url + '/health')).json();
      assert.deepEqual(h, { status: 'ok', database: dialect });
      const m = await (await fetch(s.url + '/metrics')).text();
      assert.match(m, /cognate_requests_total\{operation="ListUserPools",error=""\} \d+/);
      assert.match(m, /cognate_requests_total\{operation="unknown",error="UnknownOperationException"\} \d+/);
      assert.match(m, /cognate_request_duration_seconds_bucket/);
    });
  });
}
