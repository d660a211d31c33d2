/**
 * SigV4 verification must accept exactly what the AWS SDK's own signer produces (header and presigned forms,
 * encoded paths and queries) and refuse anything altered: a forged or replayed request must not pass.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { verifySigV4, type SignedRequest } from '../../src/protocols/sigv4.js';

const creds = { accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const now = Date.UTC(2026, 10, 26, 12, 0, 0);

/** The path as an SDK serializer puts it on the wire: each label URI-encoded once. */
const wire = (p: string) => p.split('/').map((s) => encodeURIComponent(s)).join('/');

async function sign(opts: { method?: string; path: string; query?: Record<string, string>; body?: string; service?: string; region?: string; presign?: boolean }) {
  const signer = new SignatureV4({ credentials: creds, region: opts.region ?? 'us-east-1', service: opts.service ?? 'cognito-idp', sha256: Sha256 });
  const req = new HttpRequest({
    method: opts.method ?? 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 9229,
    path: wire(opts.path),
    query: opts.query,
    headers: { host: '127.0.0.1:9229', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' },
    body: opts.body,
  });
  const signed = opts.presign
    ? await signer.presign(req, { signingDate: new Date(now), expiresIn: 300 })
    : await signer.sign(req, { signingDate: new Date(now) });
  const q = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const wirePath = wire(opts.path);
  const url = q ? `${wirePath}?${q}` : wirePath;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = String(v);
  return { method: signed.method, url, headers, body: Buffer.from(opts.body ?? '') } satisfies SignedRequest;
}

const verify = (req: SignedRequest, o: Partial<{ service: string; now: number; secret: string }> = {}) =>
  verifySigV4(req, {
    service: o.service ?? 'cognito-idp',
    regions: ['us-east-1', 'eu-west-1'],
    now: o.now ?? now,
    skewSeconds: 300,
    secretFor: async (id) => (id === creds.accessKeyId ? (o.secret ?? creds.secretAccessKey) : undefined),
  });

describe('SigV4 verification against the SDK signer', () => {
  it('accepts a signed JSON POST', async () => {
    const p = await verify(await sign({ path: '/', body: '{"MaxResults":10}' }));
    assert.deepEqual(p, { accessKeyId: creds.accessKeyId, region: 'us-east-1' });
  });

  it('accepts an encoded path and a query string (Cognito Sync style)', async () => {
    const req = await sign({ method: 'GET', service: 'cognito-sync', path: '/identitypools/us-east-1:1111/identities/us-east-1:2222/datasets', query: { maxResults: '10', nextToken: 'a b+c/d' } });
    await verify(req, { service: 'cognito-sync' });
  });

  it('accepts a presigned URL and refuses it once expired', async () => {
    const req = await sign({ method: 'GET', path: '/', presign: true });
    await verify(req);
    await assert.rejects(verify(req, { now: now + 301_000 }), { type: 'InvalidSignatureException' });
  });

  it('accepts another configured region', async () => {
    await verify(await sign({ path: '/', body: '{}', region: 'eu-west-1' }));
  });

  it('threat: a tampered body is refused', async () => {
    const req = await sign({ path: '/', body: '{"MaxResults":10}' });
    await assert.rejects(verify({ ...req, body: Buffer.from('{"MaxResults":60}') }), { type: 'InvalidSignatureException' });
  });

  it('threat: a tampered signed header is refused', async () => {
    const req = await sign({ path: '/', body: '{}' });
    await assert.rejects(verify({ ...req, headers: { ...req.headers, 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser' } }), {
      type: 'InvalidSignatureException',
    });
  });

  it('threat: a wrong secret is refused', async () => {
    await assert.rejects(verify(await sign({ path: '/', body: '{}' }), { secret: 'another-secret-another-secret' }), { type: 'InvalidSignatureException' });
  });

  it('threat: a replay outside the clock-skew window is refused', async () => {
    const req = await sign({ path: '/', body: '{}' });
    await assert.rejects(verify(req, { now: now + 6 * 60_000 }), (e: { type: string; message: string }) => e.type === 'InvalidSignatureException' && e.message.startsWith('Signature expired'));
  });

  it('refuses a signature for another service or an unconfigured region', async () => {
    await assert.rejects(verify(await sign({ path: '/', body: '{}', service: 'sts' })), { type: 'InvalidSignatureException' });
    await assert.rejects(verify(await sign({ path: '/', body: '{}', region: 'ap-south-1' })), { type: 'InvalidSignatureException' });
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const req = await sign({ path: '/', body: '{}' });
    req.headers.authorization = req.headers.authorization.replace(creds.accessKeyId, 'AKIAUNKNOWN000000000');
    await assert.rejects(verify(req), { type: 'UnrecognizedClientException' });
  });

  it('refuses a malformed Authorization header with IncompleteSignatureException', async () => {
    const req = await sign({ path: '/', body: '{}' });
    await assert.rejects(verify({ ...req, headers: { ...req.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' } }), { type: 'IncompleteSignatureException' });
    await assert.rejects(verify({ ...req, headers: { ...req.headers, authorization: 'Basic abc' } }), { type: 'IncompleteSignatureException' });
  });
});
