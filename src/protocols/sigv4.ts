/**
 * Verification of AWS Signature Version 4 (header form and presigned query form), byte-compatible with the
 * canonicalisation of the AWS SDKs: the received path is encoded once more (non-S3 services), the query is
 * sorted by encoded name and value, headers are trimmed and whitespace-collapsed. It only authenticates; what
 * the key may do is decided by the caller. It must never reveal a secret or which part of a signature was wrong.
 */
import { createHash, createHmac } from 'node:crypto';
import { errors } from '../errors.js';
import { safeEqual } from '../crypto/random.js';

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface VerifyOptions {
  service: string;
  regions: readonly string[];
  now: number;
  skewSeconds: number;
  /** Returns the secret of an access key, or undefined. Temporary keys get the request's session token
   *  (`X-Amz-Security-Token` header or query) to check it belongs to them. */
  secretFor(accessKeyId: string, sessionToken: string | undefined): Promise<string | undefined>;
}

export interface Principal { accessKeyId: string; region: string }

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return '/' + segments.map(rfc3986).join('/') + trailing;
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function queryPairs(rawQuery: string): [string, string][] {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [decodeQueryPart(p), ''] : [decodeQueryPart(p.slice(0, i)), decodeQueryPart(p.slice(i + 1))];
    });
}

function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const headerValue = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** Does the request carry a SigV4 signature at all (header or query)? */
export function hasSignature(req: SignedRequest): boolean {
  return headerValue(req.headers, 'authorization') !== undefined || /[?&]X-Amz-Signature=/i.test(req.url);
}

export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<Principal> {
  const qIndex = req.url.indexOf('?');
  const rawPath = qIndex < 0 ? req.url : req.url.slice(0, qIndex);
  const rawQuery = qIndex < 0 ? '' : req.url.slice(qIndex + 1);
  let pairs = queryPairs(rawQuery);
  const auth = headerValue(req.headers, 'authorization');
  let credential: string, signedHeaders: string, signature: string, amzDate: string | undefined;
  let presigned = false;
  if (auth !== undefined) {
    const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(auth.trim());
    if (!m) throw errors.incompleteSignature(`Authorization header requires the AWS4-HMAC-SHA256 algorithm; got '${auth.split(' ')[0]}'.`);
    const parts = new Map<string, string>();
    for (const p of m[1].split(',')) {
      const i = p.indexOf('=');
      if (i > 0) parts.set(p.slice(0, i).trim(), p.slice(i + 1).trim());
    }
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !parts.get(k));
    if (missing.length) throw errors.incompleteSignature(`Authorization header requires '${missing.join("', '")}' parameter(s).`);
    credential = parts.get('Credential')!;
    signedHeaders = parts.get('SignedHeaders')!;
    signature = parts.get('Signature')!;
    amzDate = headerValue(req.headers, 'x-amz-date');
    if (!amzDate) throw errors.incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  } else {
    const q = new Map(pairs);
    if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw errors.missingAuthenticationToken('Missing Authentication Token');
    credential = q.get('X-Amz-Credential') ?? '';
    signedHeaders = q.get('X-Amz-SignedHeaders') ?? '';
    signature = q.get('X-Amz-Signature') ?? '';
    amzDate = q.get('X-Amz-Date');
    if (!credential || !signedHeaders || !signature || !amzDate) throw errors.incompleteSignature('Presigned URL requires X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature and X-Amz-Date.');
    const expires = Number(q.get('X-Amz-Expires') ?? '0');
    const t = parseAmzDate(amzDate);
    if (!Number.isInteger(expires) || expires < 1 || expires > 604800) throw errors.invalidSignature('X-Amz-Expires must be between 1 and 604800 seconds.');
    if (t !== undefined && opts.now > t + expires * 1000) throw errors.invalidSignature('Signature expired: the presigned URL has expired.');
    pairs = pairs.filter(([k]) => k !== 'X-Amz-Signature');
    presigned = true;
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw errors.incompleteSignature(`Credential should be scoped to a valid region, not '${credential}'. Expected {AccessKeyId}/{yyyyMMdd}/{region}/{service}/aws4_request.`);
  }
  const [accessKeyId, scopeDate, region, service] = scope;
  if (service !== opts.service) throw errors.invalidSignature(`Credential should be scoped to correct service: '${opts.service}'.`);
  if (!opts.regions.includes(region)) {
    throw errors.invalidSignature(`Credential should be scoped to a valid region; '${region}' is not configured here (configured: ${opts.regions.join(', ')}).`);
  }
  const t = parseAmzDate(amzDate);
  if (t === undefined) throw errors.incompleteSignature(`X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z', not '${amzDate}'.`);
  if (amzDate.slice(0, 8) !== scopeDate) throw errors.invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'.`);
  if (!presigned && Math.abs(opts.now - t) > opts.skewSeconds * 1000) {
    throw errors.invalidSignature(`Signature expired: ${amzDate} is now earlier or later than ${new Date(opts.now).toISOString().replace(/[-:]|\.\d{3}/g, '')} (±${opts.skewSeconds / 60} min allowed). Check the client's clock.`);
  }
  const names = signedHeaders.split(';').map((h) => h.trim().toLowerCase());
  if (!names.includes('host')) throw errors.invalidSignature("'Host' must be a signed header.");
  const lines: string[] = [];
  for (const name of names) {
    const v = headerValue(req.headers, name);
    if (v === undefined) throw errors.invalidSignature(`The signed header '${name}' is missing from the request.`);
    lines.push(`${name}:${v.trim().replace(/\s+/g, ' ')}\n`);
  }
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== bodyHash) {
    throw errors.invalidSignature('The x-amz-content-sha256 header does not match the SHA-256 of the request body.');
  }
  const payloadHash = declared ?? (req.body.length ? bodyHash : EMPTY_SHA256);
  const canonical = [req.method.toUpperCase(), canonicalUri(rawPath), canonicalQuery(pairs), lines.join(''), names.join(';'), payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, `${scopeDate}/${region}/${service}/aws4_request`, createHash('sha256').update(canonical).digest('hex')].join('\n');
  // A session token sent as a header must be signed, so it cannot be swapped on a captured request.
  const tokenHeader = headerValue(req.headers, 'x-amz-security-token');
  if (tokenHeader !== undefined && !presigned && !names.includes('x-amz-security-token')) {
    throw errors.invalidSignature("'X-Amz-Security-Token' must be a signed header when it is sent.");
  }
  const sessionToken = tokenHeader ?? new Map(pairs).get('X-Amz-Security-Token');
  const secret = await opts.secretFor(accessKeyId, sessionToken);
  if (secret === undefined) throw errors.unrecognizedClient('The security token included in the request is invalid.');
  const expected = createHmac('sha256', signingKey(secret, scopeDate, region, service)).update(stringToSign).digest('hex');
  if (!safeEqual(expected, signature.toLowerCase())) {
    throw errors.invalidSignature('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return { accessKeyId, region };
}
