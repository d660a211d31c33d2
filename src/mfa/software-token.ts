/**
 * AssociateSoftwareToken / VerifySoftwareToken for a signed-in user (AccessToken) or for a user in the middle of
 * an MFA_SETUP challenge (Session). With a Session each call uses the session up and returns a new one, so the
 * chain Associate → Verify → RespondToAuthChallenge(MFA_SETUP) cannot be replayed or skipped. A Session carries
 * no app client on these calls, so the client is the one the session was issued to.
 */
import { errors } from '../errors.js';
import { sha256Hex } from '../crypto/random.js';
import type { Services } from '../services.js';
import { EXPIRED_MESSAGE, type OpenSession, consumeSession, createSession, expectChallenge, loadSession } from '../auth/sessions.js';
import { authSessionsRepo } from '../store/auth-sessions-repo.js';
import { tokenCaller } from '../users/wire.js';
import { userByKey } from '../users/lookup.js';
import { getClient } from '../user-pools/pools.js';
import type { PoolClient, UserRecord } from '../user-pools/types.js';
import { associate, verify } from './totp.js';

export interface TokenOrSession { AccessToken?: string; Session?: string }

const expired = () => errors.notAuthorized(EXPIRED_MESSAGE);

/** The MFA_SETUP session a Session string names, with its client and user. */
async function setupSession(svc: Services, token: string): Promise<{ client: PoolClient; s: OpenSession; user: UserRecord }> {
  const raw = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length !== 32) throw expired();
  const row = await authSessionsRepo.get(svc.db, sha256Hex(raw));
  if (!row) throw expired();
  const client = await getClient(svc, row.client_id).catch(() => {
    throw expired();
  });
  const s = await loadSession(svc, client, token);
  expectChallenge(s, 'MFA_SETUP');
  const user = s.state.usernameKey && !s.state.fake ? await userByKey(svc, client.poolId, s.state.usernameKey) : undefined;
  if (!user) throw expired();
  return { client, s, user };
}

function exactlyOne(input: TokenOrSession): void {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw errors.invalidParameter('Provide either AccessToken or Session, but not both.');
  }
}

export async function associateSoftwareToken(svc: Services, input: TokenOrSession): Promise<{ SecretCode: string; Session?: string }> {
  exactlyOne(input);
  if (input.AccessToken !== undefined) {
    const { user } = await tokenCaller(svc, input.AccessToken);
    return { SecretCode: await associate(svc, user) };
  }
  const { client, s, user } = await setupSession(svc, input.Session!);
  const SecretCode = await associate(svc, user);
  await consumeSession(svc, s);
  const { session } = await createSession(svc, client, { ...s.state, data: { ...(s.state.data ?? {}), associated: true } });
  return { SecretCode, Session: session };
}

export async function verifySoftwareToken(
  svc: Services,
  input: TokenOrSession & { UserCode: string; FriendlyDeviceName?: string },
): Promise<{ Status: 'SUCCESS'; Session?: string }> {
  exactlyOne(input);
  if (input.AccessToken !== undefined) {
    const { user } = await tokenCaller(svc, input.AccessToken);
    await verify(svc, user, input.UserCode, input.FriendlyDeviceName);
    return { Status: 'SUCCESS' };
  }
  const { client, s, user } = await setupSession(svc, input.Session!);
  if (s.state.data?.associated !== true) throw errors.invalidParameter('Call AssociateSoftwareToken with this Session first.');
  await verify(svc, user, input.UserCode, input.FriendlyDeviceName);
  await consumeSession(svc, s);
  const { session } = await createSession(svc, client, { ...s.state, data: { ...(s.state.data ?? {}), totpVerified: true } });
  return { Status: 'SUCCESS', Session: session };
}
