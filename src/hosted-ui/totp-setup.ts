/**
 * MFA_SETUP on the hosted UI: the TOTP secret for the pending sign-in, shown as a QR code (otpauth:// URI as
 * an inline data: PNG, made on the server with `qrcode`), and the answer (verify the first code, then answer
 * the MFA_SETUP challenge). Needs the MFA module's AssociateSoftwareToken / VerifySoftwareToken by session;
 * until that exists the page says the step cannot be offered.
 */
import { PageError, type OpenRequest } from './authorize-request.js';
import type { ChallengeView } from './pages/challenge.js';
import type { SignInOutcome } from './sign-in.js';
import type { Services } from '../services.js';

export async function totpSetupView(_svc: Services, _o: OpenRequest, view: ChallengeView): Promise<ChallengeView> {
  return view;
}

export async function answerTotpSetup(_svc: Services, _o: OpenRequest, _view: ChallengeView, _code: string, _deviceName: string | undefined, _ip: string): Promise<SignInOutcome> {
  throw new PageError('Cannot continue', 'Authenticator setup is not available on this server.');
}
