/**
 * Encryption of secrets at rest (client secrets, signing keys, access-key secrets, SRP verifiers) under the
 * master key, which never enters the database. AES-256-GCM with a fresh 96-bit IV per value; the optional
 * `context` is bound as additional authenticated data so a ciphertext cannot be moved to another row.
 */
import { createCipheriv, createDecipheriv, randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class SecretBox {
  readonly #key: Buffer;
  /** A short fingerprint of the key, stored in the database to detect a wrong master key early. */
  readonly fingerprint: string;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the master key must be 32 bytes');
    this.#key = key;
    this.fingerprint = createHash('sha256').update('cognate-master-key-check').update(key).digest('base64url').slice(0, 16);
  }

  seal(plain: string | Buffer, context = ''): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    c.setAAD(Buffer.from(context));
    const ct = Buffer.concat([c.update(plain), c.final()]);
    return `v1.${iv.toString('base64url')}.${ct.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
  }

  openBuffer(sealed: string, context = ''): Buffer {
    const [v, iv, ct, tag] = sealed.split('.');
    if (v !== 'v1' || !iv || ct === undefined || !tag) throw new Error('not a sealed value');
    const d = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(context));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
  }

  open(sealed: string, context = ''): string {
    return this.openBuffer(sealed, context).toString('utf8');
  }
}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  if (b.length === 32) return b;
  throw new Error('COGNATE_MASTER_KEY must be 32 bytes, as 64 hex characters or base64 (try: openssl rand -base64 32)');
}

/** The configured master key, or the key file in the data dir (created with mode 0600 on first use). */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return parseMasterKey(configured);
  const file = path.join(dataDir, 'master.key');
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
