/**
 * SRP-6a math against the reference client, amazon-cognito-identity-js's AuthenticationHelper: if these agree,
 * every Cognito client library can sign in with verifiers we compute and challenges we issue.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import {
  N, g, k, padHex, modPow, computeVerifier, serverB, verifyClaim, clientA, clientSignature, formatTimestamp, parseTimestamp, validA,
} from '../../src/auth/srp.js';

const require = createRequire(import.meta.url);
const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper.js').default;

const POOL = 'AbCdEf123';

function refKey(helper: any, userId: string, password: string, B: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    helper.getPasswordAuthenticationKey(userId, password, new BigInteger(B, 16), new BigInteger(salt, 16), (err: unknown, hkdf: Buffer) =>
      err ? reject(err) : resolve(hkdf)),
  );
}

function refSignature(hkdf: Buffer, userId: string, secretBlock: string, ts: string): string {
  const { createHmac } = require('node:crypto');
  return createHmac('sha256', hkdf)
    .update(Buffer.concat([Buffer.from(POOL, 'utf8'), Buffer.from(userId, 'utf8'), Buffer.from(secretBlock, 'base64'), Buffer.from(ts, 'utf8')]))
    .digest('base64');
}

describe('srp math', () => {
  it('padHex is Java toByteArray style', () => {
    const h = new AuthenticationHelper(POOL);
    for (const n of [0n, 1n, 20n, 127n, 128n, 200n, 236n, 255n, 256n, 0x7fffn, 0x8000n, N, N - 1n, 2n ** 255n]) {
      assert.equal(padHex(n), h.padHex(new BigInteger(n.toString(16), 16)), `padHex(${n})`);
    }
    assert.equal(padHex(236n), '00ec');
    assert.equal(padHex(20n), '14');
  });

  it('k and N agree with the reference client', () => {
    const h = new AuthenticationHelper(POOL);
    assert.equal(k.toString(16), h.k.toString(16));
    assert.equal(N.toString(16), h.N.toString(16));
  });

  it('modPow agrees with BigInt square-and-multiply', () => {
    const ref = (b: bigint, e: bigint) => {
      let r = 1n; b %= N;
      while (e > 0n) { if (e & 1n) r = (r * b) % N; b = (b * b) % N; e >>= 1n; }
      return r;
    };
    for (let i = 0; i < 5; i++) {
      const b = BigInt('0x' + randomBytes(384).toString('hex')) % N;
      const e = BigInt('0x' + randomBytes(32).toString('hex'));
      assert.equal(modPow(b, e), ref(b, e));
    }
    assert.equal(modPow(g, 5n), 32n);
    assert.equal(modPow(1n, 99n), 1n);
    assert.equal(modPow(N - 1n, 3n), N - 1n);
    // small result with leading zero bytes
    assert.equal(modPow(3n, 1n), 3n);
  });

  it('computeVerifier equals the device verifier the reference client computes', async () => {
    const h = new AuthenticationHelper('us-east-1_devicegroup');
    await new Promise<void>((res, rej) => h.generateHashDevice('dgk-1234', 'us-east-1_6f1a2b3c', (e: unknown) => (e ? rej(e) : res())));
    const ours = computeVerifier('dgk-1234', 'us-east-1_6f1a2b3c', h.getRandomPassword(), h.getSaltDevices());
    assert.equal(ours.verifier, h.getVerifierDevices());
    assert.equal(ours.salt, h.getSaltDevices());
  });

  it('a fresh verifier has a 16-byte salt', () => {
    const v = computeVerifier(POOL, 'alice', 'Passw0rd!');
    const saltBytes = Buffer.from(v.salt, 'hex');
    assert.ok(saltBytes.length === 16 || (saltBytes.length === 17 && saltBytes[0] === 0) || saltBytes.length < 16);
    assert.notEqual(computeVerifier(POOL, 'alice', 'Passw0rd!').salt, v.salt);
    assert.equal(computeVerifier(POOL, 'alice', 'Passw0rd!', v.salt).verifier, v.verifier);
  });

  it('verifies a claim signed by the reference client and rejects wrong passwords and tampering', async () => {
    for (const userId of ['alice', 'Ünïcødé-用户', '9f0c2d4e-1111-2222-3333-444455556666']) {
      const password = 'Correct horse 1!';
      const { salt, verifier } = computeVerifier(POOL, userId, password);
      const h = new AuthenticationHelper(POOL);
      const A: string = h.largeAValue.toString(16);
      assert.ok(validA(A));
      const { b, B } = serverB(verifier);
      const secretBlock = randomBytes(64).toString('base64');
      const ts = new DateHelper().getNowString();
      const sig = refSignature(await refKey(h, userId, password, B, salt), userId, secretBlock, ts);
      const base = { poolName: POOL, userId, verifier, b, B, A, secretBlock, timestamp: ts };
      assert.equal(verifyClaim({ ...base, signature: sig }), true, userId);

      const h2 = new AuthenticationHelper(POOL);
      const wrong = refSignature(await refKey(h2, userId, 'wrong password', B, salt), userId, secretBlock, ts);
      assert.equal(verifyClaim({ ...base, A: h2.largeAValue.toString(16), signature: wrong }), false);
      assert.equal(verifyClaim({ ...base, timestamp: ts + ' ', signature: sig }), false);
      assert.equal(verifyClaim({ ...base, userId: userId + 'x', signature: sig }), false);
      assert.equal(verifyClaim({ ...base, signature: 'not base64 at all' }), false);
      assert.equal(verifyClaim({ ...base, A: N.toString(16), signature: sig }), false);
      assert.equal(verifyClaim({ ...base, A: 'zz', signature: sig }), false);
    }
  });

  it('our client side produces the same signature as the reference client', async () => {
    const password = 'S3cret-pass';
    const { salt, verifier } = computeVerifier(POOL, 'bob', password);
    const h = new AuthenticationHelper(POOL);
    const { B } = serverB(verifier);
    const secretBlock = randomBytes(32).toString('base64');
    const ts = formatTimestamp(Date.now());
    const ref = refSignature(await refKey(h, 'bob', password, B, salt), 'bob', secretBlock, ts);
    const a = BigInt('0x' + h.smallAValue.toString(16));
    const ours = clientSignature({ poolName: POOL, userId: 'bob', password, a, A: h.largeAValue.toString(16), B, salt, secretBlock, timestamp: ts });
    assert.equal(ours, ref);
    const c = clientA();
    assert.ok(validA(c.A));
  });

  it('TIMESTAMP formats like the clients and parses back', () => {
    assert.equal(formatTimestamp(Date.UTC(2023, 8, 5, 13, 4, 5)), 'Tue Sep 5 13:04:05 UTC 2023');
    assert.equal(parseTimestamp('Tue Sep 5 13:04:05 UTC 2023'), Date.UTC(2023, 8, 5, 13, 4, 5));
    assert.equal(parseTimestamp('Tue Sep 05 13:04:05 UTC 2023'), Date.UTC(2023, 8, 5, 13, 4, 5));
    const now = new DateHelper().getNowString();
    const parsed = parseTimestamp(now);
    assert.ok(parsed !== undefined && Math.abs(parsed - Date.now()) < 5000);
    for (const bad of ['', 'yesterday', 'Tue Sep 31 13:04:05 UTC 2023', 'Tue Sep 5 25:04:05 UTC 2023', '2023-09-05T13:04:05Z']) {
      assert.equal(parseTimestamp(bad), undefined, bad);
    }
  });
});

describe('sealed SRP verifiers', () => {
  it('open only for the pool and user they were sealed for', async () => {
    const { SecretBox } = await import('../../src/crypto/secret-box.js');
    const { sealSrp, openSrp } = await import('../../src/auth/srp-verifier.js');
    const svc = { box: new SecretBox(randomBytes(32)) } as unknown as Parameters<typeof sealSrp>[0];
    const v = computeVerifier(POOL, 'alice', 'pw');
    const sealed = sealSrp(svc, 'us-east-1_A', 'alice', v);
    assert.ok(!sealed.includes(v.verifier.slice(0, 32)));
    assert.deepEqual(openSrp(svc, 'us-east-1_A', 'alice', sealed), v);
    assert.equal(openSrp(svc, 'us-east-1_A', 'mallory', sealed), undefined);
    assert.equal(openSrp(svc, 'us-east-1_B', 'alice', sealed), undefined);
    assert.equal(openSrp(svc, 'us-east-1_A', 'alice', 'garbage'), undefined);
  });
});
