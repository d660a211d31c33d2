/**
 * Prices the unavoidable cryptography on this machine (one argon2id hash at the setting, one RS256
 * signature and verification, one 3072-bit SRP modexp) and turns it into a per-workload ceiling: the best
 * rate the cores could reach if they did nothing else. A target above its ceiling cannot be hit here by any
 * code change short of weaker parameters; a measured rate far below it points at overhead worth profiling.
 */
import os from 'node:os';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { signRs256, verifyRs256 } from '../src/tokens/jws.js';
import { modPow, g } from '../src/auth/srp.js';
import type { WorkloadName } from './workloads.js';
import SQLite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Calibration {
  argon2Ms: number;
  rs256SignMs: number;
  rs256VerifyMs: number;
  modPowMs: number;
  /** Mean of one durable SQLite commit (WAL, synchronous=FULL) of a refresh-token-like row with its indexes, in the temp dir. */
  sqliteCommitMs: number;
  cores: number;
  /** Upper bound per second from crypto alone, all cores busy. */
  ceiling: Partial<Record<WorkloadName, number>>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeEach(n: number, f: () => Promise<unknown> | unknown): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function calibrate(): Promise<Calibration> {
  const argon = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
  const stored = await hash('Bench-Passw0rd!', argon);
  const argon2Ms = await timeEach(7, () => verify(stored, 'Bench-Passw0rd!'));
  // As the server does it (src/tokens/jws.ts): synchronous node:crypto with KeyObjects.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claims = () => ({ sub: 's', token_use: 'access', scope: 'aws.cognito.signin.user.admin', iss: 'i', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
  const sign = () => signRs256(claims(), 'k', privateKey);
  const jwt = sign();
  const rs256SignMs = await timeEach(40, sign);
  const rs256VerifyMs = await timeEach(200, () => verifyRs256(jwt, publicKey, { issuer: 'i', now: Date.now() }));
  const modPowMs = await timeEach(40, () => modPow(g, BigInt('0x' + randomBytes(128).toString('hex'))));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-calibrate-'));
  let sqliteCommitMs = NaN;
  try {
    const db = new SQLite(path.join(dir, 'c.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(
      'create table t (token_hash text primary key, pool_id text, username_key text, origin_jti text, expires_at integer, created_at integer);' +
        'create index t_user on t (pool_id, username_key); create index t_origin on t (origin_jti); create index t_exp on t (expires_at);',
    );
    const ins = db.prepare('insert into t values (?, ?, ?, ?, ?, ?)');
    // The mean, not the median: fsync has a long tail, and every commit pays it in turn.
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) {
      ins.run(randomBytes(32).toString('hex'), 'us-east-1_abc', `user-${i}`, randomBytes(16).toString('hex'), Date.now() + 1e9, Date.now());
    }
    sqliteCommitMs = (performance.now() - t0) / 500;
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cores = os.availableParallelism();
  const per = (ms: number) => Math.round((cores * 1000) / ms);
  return {
    argon2Ms,
    rs256SignMs,
    rs256VerifyMs,
    modPowMs,
    sqliteCommitMs,
    cores,
    ceiling: {
      // a sign-in verifies one hash and signs an ID and an access token
      password: per(argon2Ms + 2 * rs256SignMs),
      // B = kv + g^b, then S = (A·v^u)^b: three modexps on the server, plus the two tokens
      srp: per(3 * modPowMs + 2 * rs256SignMs),
      refresh: per(2 * rs256SignMs),
      getuser: per(rs256VerifyMs),
      // one access token signed after the client secret check
      client_credentials: per(rs256SignMs),
      // one hash and the SRP verifier (one modexp)
      signup: per(argon2Ms + modPowMs),
    },
  };
}
