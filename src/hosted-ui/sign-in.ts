/**
 * Sign-in as the hosted UI drives it: the same domain steps the InitiateAuth / RespondToAuthChallenge handlers
 * call (password check, lockout, forced password change, MFA…), under the HOSTED_UI flow so the last step
 * hands back the user instead of API tokens. The pages render whatever challenge comes back. The app client's
 * secret, when it has one, is ours to use: the hosted UI computes SECRET_HASH itself. The password flow is not
 * subject to the client's ExplicitAuthFlows (those govern the API), as in Cognito.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { AuthContext, AuthResponse } from '../auth/context.js';
import { HOSTED_UI_FLOW, SIGNED_IN } from '../auth/next-step.js';
import { passwordAuth } from '../auth/password-auth.js';
import { respondToAuthChallenge } from '../auth/respond.js';
import { computeSecretHash } from '../users/secret-hash.js';
import type { PoolClient, UserPool, UserRecord } from '../user-pools/types.js';

export type SignInOutcome =
  | { readonly kind: 'signedIn'; readonly user: UserRecord; readonly authTime: number }
  | { readonly kind: 'challenge'; readonly name: string; readonly session: string; readonly username: string; readonly parameters: Record<string, string> };

export const secretHashFor = (client: PoolClient, username: string) =>
  client.secret ? computeSecretHash(client.secret, username, client.id) : undefined;

function outcome(svc: Services, r: AuthResponse, username: string): SignInOutcome {
  const user = r[SIGNED_IN];
  if (user) return { kind: 'signedIn', user, authTime: svc.clock.now() };
  if (r.ChallengeName && r.Session) {
    const parameters = r.ChallengeParameters ?? {};
    return { kind: 'challenge', name: r.ChallengeName, session: r.Session, username: parameters.USER_ID_FOR_SRP ?? parameters.USERNAME ?? username, parameters };
  }
  // Every step of a HOSTED_UI sign-in ends in a challenge or SIGNED_IN; anything else is a bug, not a user error.
  throw errors.internal('The sign-in ended without a user or a challenge.');
}

export async function signInWithPassword(svc: Services, pool: UserPool, client: PoolClient, username: string, password: string, sourceIp: string): Promise<SignInOutcome> {
  const ctx: AuthContext = { svc, pool, client, api: 'public', sourceIp };
  const secretHash = secretHashFor(client, username);
  const r = await passwordAuth(ctx, HOSTED_UI_FLOW, { USERNAME: username, PASSWORD: password, ...(secretHash ? { SECRET_HASH: secretHash } : {}) });
  return outcome(svc, r, username);
}

export async function answerChallenge(
  svc: Services,
  client: PoolClient,
  c: { name: string; session: string; username: string; answers: Record<string, string> },
  sourceIp: string,
): Promise<SignInOutcome> {
  const secretHash = secretHashFor(client, c.username);
  const r = await respondToAuthChallenge(svc, {
    api: 'public',
    challengeName: c.name,
    clientId: client.id,
    session: c.session,
    responses: { ...c.answers, USERNAME: c.username, ...(secretHash ? { SECRET_HASH: secretHash } : {}) },
    sourceIp,
  });
  return outcome(svc, r, c.username);
}
