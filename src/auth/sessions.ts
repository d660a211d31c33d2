/**
 * Pending sign-in sessions: the state between InitiateAuth and each RespondToAuthChallenge. The client holds
 * 256 random bits (as `Session`, base64url, or as the PASSWORD_VERIFIER `SECRET_BLOCK`, base64); the row is
 * keyed by their SHA-256 and its state is sealed under the master key (it holds the SRP secret `b` and the
 * verifier). Sessions are bound to their app client, expire after the client's AuthSessionValidity minutes
 * (default 3) and are consumed by an atomic delete, so each can be answered once. Never log a session secret.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { errors } from '../errors.js';
import { sha256Hex } from '../crypto/random.js';
import type { Services } from '../services.js';
import { authSessionsRepo } from '../store/auth-sessions-repo.js';
import type { PoolClient } from '../user-pools/types.js';

export const EXPIRED_MESSAGE = 'Invalid session for the user, session is expired.';

/** What a session remembers. `challenge` is the ChallengeName the client must answer next. */
export interface SessionState {
  challenge: string;
  /** canonical username (or the name given, for a user that does not exist) */
  username: string;
  usernameKey?: string;
  /** the user does not exist: every answer fails like a wrong password */
  fake?: boolean;
  /** lockout counter this sign-in's failures go to (for a user that does not exist: the name given) */
  lockKey?: string;
  api: 'public' | 'admin';
  authFlow: string;
  srp?: { b: string; B: string; A: string; salt: string; verifier: string };
  deviceKey?: string;
  /** free-form data of later steps (MFA, custom challenges) */
  data?: Record<string, unknown>;
}

export interface OpenSession {
  readonly id: string;
  readonly state: SessionState;
}

const sealContext = (id: string) => `auth-session:${id}`;

export function sessionValidityMs(client: PoolClient): number {
  const m = Number(client.config.AuthSessionValidity);
  return (Number.isFinite(m) && m >= 3 && m <= 15 ? m : 3) * 60_000;
}

/** Stores a new session and returns its secret as { session (base64url), secretBlock (base64) }. */
export async function createSession(svc: Services, client: PoolClient, state: SessionState): Promise<{ session: string; secretBlock: string }> {
  const secret = randomBytes(32);
  const id = sha256Hex(secret);
  const now = svc.clock.now();
  await authSessionsRepo.insert(svc.db, {
    id,
    pool_id: client.poolId,
    client_id: client.id,
    username_key: state.usernameKey ?? null,
    state: svc.box.seal(JSON.stringify(state), sealContext(id)),
    expires_at: now + sessionValidityMs(client),
    created_at: now,
  });
  // Expired rows are harmless (lookups check expiry); sweep them now and then rather than on every call.
  if (randomInt(100) === 0) await authSessionsRepo.deleteExpired(svc.db, now - 3600_000);
  return { session: secret.toString('base64url'), secretBlock: secret.toString('base64') };
}

function decode(token: unknown): Buffer | undefined {
  if (typeof token !== 'string' || token.length < 40 || token.length > 64) return undefined;
  const b = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return b.length === 32 ? b : undefined;
}

/**
 * The live session for this client, without consuming it; NotAuthorizedException "Invalid session for the user,
 * session is expired." when unknown, expired, or another client's. Accepts a Session or a SECRET_BLOCK.
 */
export async function loadSession(svc: Services, client: PoolClient, token: unknown): Promise<OpenSession> {
  const secret = decode(token);
  if (!secret) throw errors.notAuthorized(EXPIRED_MESSAGE);
  const id = sha256Hex(secret);
  const row = await authSessionsRepo.get(svc.db, id);
  if (!row || row.expires_at <= svc.clock.now() || row.client_id !== client.id) throw errors.notAuthorized(EXPIRED_MESSAGE);
  try {
    return { id, state: JSON.parse(svc.box.open(row.state, sealContext(id))) as SessionState };
  } catch {
    throw errors.notAuthorized(EXPIRED_MESSAGE);
  }
}

/** Uses the session up; throws the expired-session error when another request got there first. */
export async function consumeSession(svc: Services, s: OpenSession): Promise<void> {
  if (!(await authSessionsRepo.consume(svc.db, s.id, svc.clock.now()))) throw errors.notAuthorized(EXPIRED_MESSAGE);
}

/** Refuses (without consuming the session) an answer to a challenge the session is not waiting for. */
export function expectChallenge(s: OpenSession, challengeName: string): void {
  if (s.state.challenge !== challengeName) {
    throw errors.invalidParameter(`This session expects a ${s.state.challenge} answer, not ${challengeName}.`);
  }
}

/**
 * Moves a live session on to its next step under the same secret, for clients that answer the next challenge
 * with the Session they already hold (amazon-cognito-identity-js answers DEVICE_SRP_AUTH after an MFA code that
 * way). The caller must already have made the current step's answer single-use by other means.
 */
export async function advanceSession(svc: Services, s: OpenSession, state: SessionState): Promise<void> {
  await authSessionsRepo.updateState(svc.db, s.id, svc.box.seal(JSON.stringify(state), sealContext(s.id)));
}
