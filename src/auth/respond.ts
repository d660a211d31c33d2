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
import { answerCustomChallenge } from './custom-auth.js';
import { answerPasswordVerifier } from './srp-auth.js';
import { answerFactor, answerMfaSetup, answerSelectMfaType } from '../mfa/challenges.js';
import { answerDeviceSrpAuth, answerDevicePasswordVerifier } from '../devices/device-auth.js';
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
    case 'SMS_MFA':
    case 'SOFTWARE_TOKEN_MFA':
    case 'EMAIL_OTP':
      return answerFactor(ctx, req.challengeName, req.session, req.responses);
    case 'SELECT_MFA_TYPE':
      return answerSelectMfaType(ctx, req.session, req.responses);
    case 'MFA_SETUP':
      return answerMfaSetup(ctx, req.session, req.responses);
    case 'DEVICE_SRP_AUTH':
      return answerDeviceSrpAuth(ctx, req.session, req.responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return answerDevicePasswordVerifier(ctx, req.session, req.responses);
    case 'CUSTOM_CHALLENGE':
      return answerCustomChallenge(ctx, req.session, req.responses);
    default: {
      // USER_AUTH challenges (SELECT_CHALLENGE, PASSWORD, …) have no module yet; no session of ours waits for
      // them, so the answer is about the session the client holds.
      expectChallenge(await loadSession(svc, client, req.session), req.challengeName);
      throw errors.invalidParameter(`Challenge ${req.challengeName} is not supported.`);
    }
  }
}
