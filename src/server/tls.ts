/**
 * TLS material for the hosted-UI listener. With `tlsCertFile` + `tlsKeyFile` those are used as given. Without
 * them Cognate keeps a local certificate authority in `{dataDir}/tls/` (ECDSA P-256, made with @peculiar/x509 on
 * node's WebCrypto) and a server certificate it signs for localhost, 127.0.0.1, ::1, the authBaseDomain and
 * `*.{authBaseDomain}`; the server certificate is renewed when the names change or it nears expiry. Private
 * keys are written mode 0600 and never logged; the log says where the CA is and how to trust it.
 */
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import './reflect-metadata.js';
import * as x509 from '@peculiar/x509';
import type { Config } from '../config/schema.js';
import type { Services } from '../services.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface TlsMaterial { key: string; cert: string; caFile?: string }

const pemKey = async (k: CryptoKey) =>
  `-----BEGIN PRIVATE KEY-----\n${Buffer.from(await webcrypto.subtle.exportKey('pkcs8', k as any)).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return (await webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign'])) as unknown as CryptoKey;
}

const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');

export function serverNames(config: Config): string[] {
  return ['localhost', config.authBaseDomain, `*.${config.authBaseDomain}`];
}

async function ensureCa(dir: string): Promise<{ cert: x509.X509Certificate; key: CryptoKey; file: string }> {
  const certFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'ca-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { cert: new x509.X509Certificate(readFileSync(certFile, 'utf8')), key: await importKey(readFileSync(keyFile, 'utf8')), file: certFile };
  }
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Cognate local CA (${path.resolve(dir)}), O=Cognate`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 10 * 365 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeFileSync(keyFile, await pemKey(keys.privateKey), { mode: 0o600 });
  writeFileSync(certFile, cert.toString('pem') + '\n');
  return { cert, key: keys.privateKey, file: certFile };
}

function sanOf(cert: x509.X509Certificate): string[] {
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  return ext ? ext.names.items.map((n) => n.value).sort() : [];
}

/** The key and certificate chain for the TLS listener (creating the local CA and certificate when needed). */
export async function tlsMaterial(config: Config, svc?: Services): Promise<TlsMaterial> {
  if (config.tlsCertFile || config.tlsKeyFile) {
    if (!config.tlsCertFile || !config.tlsKeyFile) throw new Error('tlsCertFile and tlsKeyFile must be given together');
    return { cert: readFileSync(config.tlsCertFile, 'utf8'), key: readFileSync(config.tlsKeyFile, 'utf8') };
  }
  const dir = path.join(config.dataDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await ensureCa(dir);
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server-key.pem');
  const names = serverNames(config);
  const ips = ['127.0.0.1', '::1'];
  const wanted = [...names, ...ips].sort();
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = new x509.X509Certificate(readFileSync(certFile, 'utf8'));
    const fresh = cert.notAfter.getTime() - Date.now() > 30 * DAY;
    const sameNames = JSON.stringify(sanOf(cert)) === JSON.stringify(wanted);
    if (fresh && sameNames) return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), caFile: ca.file };
  }
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost, O=Cognate',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.map((value) => ({ type: 'dns' as const, value })), ...ips.map((value) => ({ type: 'ip' as const, value }))]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const chain = `${leaf.toString('pem')}\n${ca.cert.toString('pem')}\n`;
  writeFileSync(keyFile, await pemKey(keys.privateKey), { mode: 0o600 });
  writeFileSync(certFile, chain);
  svc?.log.info(
    { ca: ca.file },
    `hosted UI TLS: issued a certificate for ${names.join(', ')} from the local CA ${ca.file}. Trust it once: ` +
      `Debian/Ubuntu: sudo cp ${ca.file} /usr/local/share/ca-certificates/cognate-local-ca.crt && sudo update-ca-certificates; ` +
      `macOS: sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${ca.file}; ` +
      `Chrome/Chromium on Linux: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n cognate -i ${ca.file}; Node.js: NODE_EXTRA_CA_CERTS=${ca.file}`,
  );
  return { cert: chain, key: await pemKey(keys.privateKey), caFile: ca.file };
}
