/**
 * The page for whatever challenge a sign-in step returned: a new password (with the required attributes the
 * user lacks), a TOTP / SMS / e-mail code, a choice of MFA type, or TOTP setup with a QR code (a data: image
 * made on the server). The pending Session travels in a hidden field, bound to this browser by the CSRF token.
 */
import { Field, Form, Hidden, Layout, Messages, Submit, href, type PageProps } from './layout.js';

export interface ChallengeView {
  readonly name: string;
  readonly session: string;
  readonly username: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** MFA_SETUP: the TOTP secret and its otpauth:// QR code as a data: URL. */
  readonly totp?: { secret: string; qrDataUrl: string };
}

const TITLES: Record<string, string> = {
  NEW_PASSWORD_REQUIRED: 'Change your password',
  SOFTWARE_TOKEN_MFA: 'Enter your authenticator code',
  SMS_MFA: 'Enter the code we texted you',
  EMAIL_OTP: 'Enter the code we e-mailed you',
  SELECT_MFA_TYPE: 'Choose how to verify',
  MFA_SETUP: 'Set up your authenticator app',
};

const MFA_LABELS: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'Authenticator app', SMS_MFA: 'Text message (SMS)', EMAIL_OTP: 'E-mail' };

function list(text: string | undefined): string[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const attributeLabel = (name: string) => name.replace(/^custom:/, '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

function Body(p: { c: ChallengeView }) {
  const { c } = p;
  switch (c.name) {
    case 'NEW_PASSWORD_REQUIRED':
      return (
        <>
          <p class="textDescription-customizable">Please choose a new password to continue.</p>
          <Field name="newPassword" label="New password" type="password" autocomplete="new-password" autofocus />
          {list(c.parameters.requiredAttributes).map((a) => {
            const name = a.replace(/^userAttributes\./, '');
            return <Field name={`attr:${name}`} label={attributeLabel(name)} autocomplete="off" />;
          })}
          <Submit label="Continue" />
        </>
      );
    case 'SOFTWARE_TOKEN_MFA':
    case 'SMS_MFA':
    case 'EMAIL_OTP':
      return (
        <>
          <p class="textDescription-customizable">
            {c.parameters.CODE_DELIVERY_DESTINATION
              ? `We sent a code to ${c.parameters.CODE_DELIVERY_DESTINATION}.`
              : 'Open your authenticator app and enter the code it shows for this account.'}
          </p>
          <Field name="code" label="Code" autocomplete="one-time-code" inputmode="numeric" autofocus />
          <Submit label="Sign in" />
        </>
      );
    case 'SELECT_MFA_TYPE':
      return (
        <fieldset>
          <legend class="label-customizable">How do you want to verify it is you?</legend>
          {list(c.parameters.MFAS_CAN_CHOOSE).map((m, i) => (
            <div class="choice">
              <input type="radio" id={`mfa-${m}`} name="mfaType" value={m} required checked={i === 0} />
              <label class="label-customizable" for={`mfa-${m}`}>
                {MFA_LABELS[m] ?? m}
              </label>
            </div>
          ))}
          <Submit label="Continue" />
        </fieldset>
      );
    case 'MFA_SETUP':
      return c.totp ? (
        <>
          <p class="textDescription-customizable">Scan this QR code with an authenticator app, then enter the code it shows.</p>
          <img class="qr" src={c.totp.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
          <p class="textDescription-customizable">
            Or enter this key by hand: <code id="totp-secret">{c.totp.secret}</code>
          </p>
          <Hidden name="totpSecret" value={c.totp.secret} />
          <Field name="code" label="Code from your app" autocomplete="one-time-code" inputmode="numeric" autofocus />
          <Field name="deviceName" label="Device name (optional)" required={false} autocomplete="off" />
          <Submit label="Verify and sign in" />
        </>
      ) : (
        <p class="errorMessage-customizable" role="alert">This account must set up multi-factor authentication, which this server cannot offer here.</p>
      );
    default:
      return <p class="errorMessage-customizable" role="alert">This sign-in needs a step the hosted UI cannot show ({c.name}).</p>;
  }
}

export function ChallengePage(p: PageProps & { challenge: ChallengeView }) {
  const c = p.challenge;
  return (
    <Layout title={TITLES[c.name] ?? 'Continue signing in'} branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      <Form action={href(p.base, '/mfa', p.query)} csrf={p.csrf} id="challenge">
        <Hidden name="challenge" value={c.name} />
        <Hidden name="session" value={c.session} />
        <Hidden name="username" value={c.username} />
        <Hidden name="params" value={JSON.stringify(c.parameters)} />
        <Body c={c} />
      </Form>
    </Layout>
  );
}
