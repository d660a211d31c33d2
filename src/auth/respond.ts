/**
 * RespondToAuthChallenge / AdminRespondToAuthChallenge: resolves the client, then routes the answer to the step
 * that issued the challenge. The session (or SECRET_BLOCK) is the only thing that says which challenge is
 * pending; a ChallengeName that does not match it is refused without consuming the session.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { AuthContext, AuthResponse, Params } from './context.js';
import { resolveClient } from './initiate.js';
import { answerNewPassword } from './new-password.js';
import { answerPasswordVerifier } from './srp-auth.js';
import { expectChallenge, loadSession } from './sessions.js';

export interface RespondRequest {
  readonly api: 'public' | 'admin';
  readonly challengeName: string;
  readonly clientId: string;
  readonly userPoolId?: string;
  readonly session?: string;
  readonly responses: Params;
  readonly sourceIp?: string;
  readonly clientMetadata?: Record<string, string>;
}

export async function respondToAuthChallenge(svc: Services, req: RespondRequest): Promise<AuthResponse> {
  const { client, pool } = await resolveClient(svc, req.clientId, req.userPoolId);
  const ctx: AuthContext = { svc, pool, client, api: req.api, sourceIp: req.sourceIp, clientMetadata: req.clientMetadata };
  switch (req.challengeName) {
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(ctx, req.responses);
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(ctx, req.session, req.responses);
    default: {
      // MFA, device and custom challenges are answered by their own modules once they exist (issue 4); until
      // then no session of ours waits for them, so the answer is about the session the client holds.
      expectChallenge(await loadSession(svc, client, req.session), req.challengeName);
      throw errors.invalidParameter(`Challenge ${req.challengeName} is not supported.`);
    }
  }
}
