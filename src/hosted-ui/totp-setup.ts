/**
 * MFA_SETUP on the hosted UI: the pending sign-in's TOTP secret (AssociateSoftwareToken by Session, from the MFA
 * module), shown as a QR code of its otpauth:// URI — an inline data: PNG made on the server with `qrcode`, so
 * the page needs no script and no third party — and the answer: VerifySoftwareToken with the first code, then
 * the MFA_SETUP challenge answered with the session that returns. A wrong code keeps the same secret on screen.
 */
import QRCode from 'qrcode';
import { associateSoftwareToken, verifySoftwareToken } from '../mfa/software-token.js';
import type { OpenRequest } from './authorize-request.js';
import type { ChallengeView } from './pages/challenge.js';
import { answerChallenge, type SignInOutcome } from './sign-in.js';
import type { Services } from '../services.js';

export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?${new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' })}`;
}

/**
 * The setup page's view: a fresh secret for the challenge's session, or (after a wrong code) the one shown
 * before, whose session is still the one in the view.
 */
export async function totpSetupView(svc: Services, o: OpenRequest, view: ChallengeView, shownSecret?: string): Promise<ChallengeView> {
  let secret = shownSecret;
  let session = view.session;
  if (!secret) {
    const r = await associateSoftwareToken(svc, { Session: view.session });
    secret = r.SecretCode;
    session = r.Session ?? view.session;
  }
  const qrDataUrl = await QRCode.toDataURL(otpauthUri(String(o.pool.config.Name ?? o.pool.id), view.username, secret), { margin: 1, width: 200 });
  return { ...view, session, totp: { secret, qrDataUrl } };
}

export async function answerTotpSetup(svc: Services, o: OpenRequest, view: ChallengeView, code: string, deviceName: string | undefined, ip: string): Promise<SignInOutcome> {
  const verified = await verifySoftwareToken(svc, { Session: view.session, UserCode: code, FriendlyDeviceName: deviceName });
  return answerChallenge(svc, o.client, { name: 'MFA_SETUP', session: verified.Session ?? view.session, username: view.username, answers: {} }, ip);
}
