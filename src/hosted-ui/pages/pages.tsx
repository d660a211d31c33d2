/**
 * The sign-in, sign-up, confirmation, password-reset and error pages. Each takes plain data and returns markup;
 * none decides anything (the routes do), and no value reaches the page except as escaped text or attribute.
 */
import { Field, Form, Hidden, Layout, Link, Messages, Submit, href, type PageProps } from './layout.js';

export function LoginPage(p: PageProps & { username?: string; canSignUp: boolean; usernameLabel: string; providers?: readonly string[] }) {
  return (
    <Layout title="Sign in" branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      {p.providers && p.providers.length > 0 ? (
        <p class="links">
          <span class="idpDescription-customizable">Sign in with your corporate ID</span>
          {p.providers.map((name) => (
            <a class="idpButton-customizable" href={href(p.base, '/oauth2/authorize', p.query, { identity_provider: name, idp_identifier: undefined })}>
              {name}
            </a>
          ))}
        </p>
      ) : null}
      <Form action={href(p.base, '/login', p.query)} csrf={p.csrf} id="login">
        <Field name="username" label={p.usernameLabel} autocomplete="username" value={p.username} autofocus />
        <Field name="password" label="Password" type="password" autocomplete="current-password" />
        <Submit label="Sign in" name="signInSubmitButton" value="Sign in" />
      </Form>
      <p class="links">
        <Link href={href(p.base, '/forgotPassword', p.query)}>Forgot your password?</Link>
      </p>
      {p.canSignUp ? (
        <p class="links">
          <span class="textDescription-customizable">Need an account? </span>
          <Link href={href(p.base, '/signup', p.query)}>Sign up</Link>
        </p>
      ) : null}
    </Layout>
  );
}

export interface AttributeField { name: string; label: string; type: string; autocomplete?: string; value?: string }

export function SignUpPage(p: PageProps & { usernameField?: AttributeField; attributes: AttributeField[] }) {
  return (
    <Layout title="Sign up" branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      <Form action={href(p.base, '/signup', p.query)} csrf={p.csrf} id="signup">
        {p.usernameField ? <Field name="username" label={p.usernameField.label} autocomplete="username" value={p.usernameField.value} autofocus /> : null}
        {p.attributes.map((a) => (
          <Field name={`attr:${a.name}`} label={a.label} type={a.type} autocomplete={a.autocomplete} value={a.value} />
        ))}
        <Field name="password" label="Password" type="password" autocomplete="new-password" />
        <Submit label="Sign up" />
      </Form>
      <p class="links">
        <span class="textDescription-customizable">Already have an account? </span>
        <Link href={href(p.base, '/login', p.query)}>Sign in</Link>
      </p>
    </Layout>
  );
}

export function ConfirmPage(p: PageProps & { username: string; destination?: string }) {
  return (
    <Layout title="Confirm your account" branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      <p class="textDescription-customizable">
        {p.destination ? `We sent a code to ${p.destination}. Enter it below.` : 'Enter the confirmation code we sent you.'}
      </p>
      <Form action={href(p.base, '/confirm', p.query)} csrf={p.csrf} id="confirm">
        <Hidden name="username" value={p.username} />
        <Field name="code" label="Confirmation code" autocomplete="one-time-code" inputmode="numeric" autofocus />
        <Submit label="Confirm account" name="action" value="confirm" />
      </Form>
      <Form action={href(p.base, '/confirm', p.query)} csrf={p.csrf} id="resend">
        <Hidden name="username" value={p.username} />
        <button class="redirect-customizable linkButton" type="submit" name="action" value="resend">
          Send a new code
        </button>
      </Form>
    </Layout>
  );
}

export function ForgotPasswordPage(p: PageProps & { username?: string }) {
  return (
    <Layout title="Forgot your password?" branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      <p class="textDescription-customizable">Enter your username and we will send you a code to reset your password.</p>
      <Form action={href(p.base, '/forgotPassword', p.query)} csrf={p.csrf} id="forgot">
        <Field name="username" label="Username" autocomplete="username" value={p.username} autofocus />
        <Submit label="Reset my password" />
      </Form>
      <p class="links">
        <Link href={href(p.base, '/login', p.query)}>Back to sign in</Link>
      </p>
    </Layout>
  );
}

export function ConfirmForgotPasswordPage(p: PageProps & { username: string; destination?: string }) {
  return (
    <Layout title="Reset your password" branding={p.branding}>
      <Messages error={p.error} notice={p.notice} />
      <p class="textDescription-customizable">
        {p.destination ? `We sent a code to ${p.destination}.` : 'Enter the code we sent you'} Choose a new password.
      </p>
      <Form action={href(p.base, '/confirmForgotPassword', p.query)} csrf={p.csrf} id="reset">
        <Hidden name="username" value={p.username} />
        <Field name="code" label="Code" autocomplete="one-time-code" inputmode="numeric" autofocus />
        <Field name="password" label="New password" type="password" autocomplete="new-password" />
        <Field name="confirmPassword" label="Enter the new password again" type="password" autocomplete="new-password" />
        <Submit label="Change password" />
      </Form>
    </Layout>
  );
}

export function ErrorPage(p: { title: string; message: string; branding?: PageProps['branding']; requestId?: string }) {
  return (
    <Layout title={p.title} branding={p.branding ?? {}}>
      <p class="errorMessage-customizable" role="alert" id="error">
        {p.message}
      </p>
      {p.requestId ? <p class="legalText-customizable">Request id: {p.requestId}</p> : null}
    </Layout>
  );
}

/** The page a /confirmUser link opens: the outcome, and a way to sign in when the app has one. */
export function ConfirmedPage(p: { ok: boolean; message: string; branding: PageProps['branding']; signIn?: string }) {
  return (
    <Layout title={p.ok ? 'Account confirmed' : 'Confirmation failed'} branding={p.branding}>
      {p.ok ? (
        <p class="textDescription-customizable notice" role="status" id="confirmed">
          {p.message}
        </p>
      ) : (
        <p class="errorMessage-customizable" role="alert" id="error">
          {p.message}
        </p>
      )}
      {p.signIn ? (
        <p class="links">
          <Link href={p.signIn}>Sign in</Link>
        </p>
      ) : null}
    </Layout>
  );
}
