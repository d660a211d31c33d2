/**
 * STS sessions: minting temporary credentials (ASIA… key id, secret, opaque session token, expiry) and
 * resolving them on any node. The secret is sealed under the master key bound to the key id; the session token
 * is stored only as its SHA-256, so a database reader cannot sign with a session, and a token that was altered
 * or belongs to another key is refused. Expired rows are kept for a day (so callers get ExpiredToken rather than
 * an unknown-key error) and then swept.
 */
import { ids, safeEqual, sha256Hex } from '../crypto/random.js';
import { errors } from '../errors.js';
import { iamIds } from '../iam-admin/arns.js';
import { stsSessionsRepo } from '../store/sts-sessions-repo.js';
import type { StsSessionsTable } from '../store/tables.js';
import { perServices, type Services } from '../services.js';

export interface SessionInput {
  readonly roleArn: string;
  readonly roleId: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly sourceIdentity?: string;
  /** Session policies (inline Policy and PolicyArns documents); empty = no limit. */
  readonly sessionPolicies?: readonly string[];
  readonly principalTags?: Readonly<Record<string, string>>;
  /** Condition keys carried by every request signed with the session (e.g. cognito-identity.amazonaws.com:sub). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface Session {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly roleArn: string;
  readonly roleId: string;
  readonly sessionName: string;
  readonly sourceIdentity?: string;
  readonly sessionPolicies: readonly string[];
  readonly principalTags: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly expiresAt: number;
  readonly issuedAt: number;
}

const sealContext = (id: string) => `sts-session:${id}`;
const KEEP_EXPIRED_MS = 24 * 3600_000;
const SWEEP_EVERY_MS = 5 * 60_000;
const sweepState = perServices(() => ({ last: 0 }));

/** Deletes long-expired sessions in the background, at most every few minutes per node; never throws. */
function maybeSweep(svc: Services, now: number): void {
  const st = sweepState(svc);
  if (now - st.last < SWEEP_EVERY_MS) return;
  st.last = now;
  stsSessionsRepo.deleteExpired(svc.db, now - KEEP_EXPIRED_MS).catch((err: unknown) => svc.log.warn({ err }, 'STS session cleanup failed; will retry later'));
}

export async function mintSession(svc: Services, input: SessionInput): Promise<TemporaryCredentials> {
  const now = svc.clock.now();
  const accessKeyId = iamIds.sessionAccessKey();
  const secretAccessKey = ids.secretAccessKey();
  const sessionToken = `CGNT${ids.opaque(96)}`;
  const row: StsSessionsTable = {
    access_key_id: accessKeyId,
    secret_enc: svc.box.seal(secretAccessKey, sealContext(accessKeyId)),
    token_hash: sha256Hex(sessionToken),
    role_arn: input.roleArn,
    role_id: input.roleId,
    session_name: input.sessionName,
    source_identity: input.sourceIdentity ?? null,
    session_policy: input.sessionPolicies?.length ? JSON.stringify(input.sessionPolicies) : null,
    principal_tags: JSON.stringify(input.principalTags ?? {}),
    context: JSON.stringify(input.context ?? {}),
    expires_at: now + input.durationSeconds * 1000,
    created_at: now,
  };
  await stsSessionsRepo.insert(svc.db, row);
  maybeSweep(svc, now);
  // STS reports whole seconds.
  return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(Math.floor(row.expires_at / 1000) * 1000) };
}

/**
 * The live session behind a temporary key id and its session token. Unknown key or wrong token →
 * UnrecognizedClientException; past its expiry → ExpiredTokenException (the adapters translate the codes).
 */
export async function resolveSession(svc: Services, accessKeyId: string, sessionToken: string | undefined): Promise<Session> {
  const row = await stsSessionsRepo.get(svc.db, accessKeyId);
  if (!row || sessionToken === undefined || !safeEqual(sha256Hex(sessionToken), row.token_hash)) {
    throw errors.unrecognizedClient('The security token included in the request is invalid.');
  }
  if (svc.clock.now() >= Number(row.expires_at)) throw errors.expiredToken('The security token included in the request is expired');
  return {
    accessKeyId,
    secretAccessKey: svc.box.open(row.secret_enc, sealContext(accessKeyId)),
    roleArn: row.role_arn,
    roleId: row.role_id,
    sessionName: row.session_name,
    ...(row.source_identity !== null ? { sourceIdentity: row.source_identity } : {}),
    sessionPolicies: row.session_policy !== null ? (JSON.parse(row.session_policy) as string[]) : [],
    principalTags: JSON.parse(row.principal_tags),
    context: JSON.parse(row.context),
    expiresAt: Number(row.expires_at),
    issuedAt: Number(row.created_at),
  };
}
