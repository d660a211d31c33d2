/**
 * `/signup`, `/confirm`, `/forgotPassword` and `/confirmForgotPassword`: the self-service pages, calling the same
 * domain functions as SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword
 * (with the client's SECRET_HASH computed here). Each success redirects (post/redirect/get) with a notice key.
 */
import { ServiceError } from '../../errors.js';
import { confirmSignUp, resendConfirmationCode, signUp } from '../../users/sign-up.js';
import { confirmForgotPassword, forgotPassword } from '../../users/recovery.js';
import { poolSchema } from '../../users/attributes.js';
import type { UserPool } from '../../user-pools/types.js';
import { openAuthorizeRequest, PageError, type OpenRequest } from '../authorize-request.js';
import { secretHashFor } from '../sign-in.js';
import { branding, checkedForm, csrfFor, redirect, sendErrorPage, sendPage, type Web } from '../web.js';
import { href, type PageProps } from '../pages/layout.js';
import { ConfirmForgotPasswordPage, ConfirmPage, ForgotPasswordPage, SignUpPage, type AttributeField } from '../pages/pages.js';
import { FORGED, noticeOf } from './common.js';

const LABELS: Record<string, [string, string, string?]> = {
  email: ['Email', 'email', 'email'],
  phone_number: ['Phone number (e.g. +15555550100)', 'tel', 'tel'],
  given_name: ['Given name', 'text', 'given-name'],
  family_name: ['Family name', 'text', 'family-name'],
  middle_name: ['Middle name', 'text', 'additional-name'],
  name: ['Name', 'text', 'name'],
  nickname: ['Nickname', 'text', 'nickname'],
  preferred_username: ['Preferred username', 'text', 'username'],
  birthdate: ['Birthdate (YYYY-MM-DD)', 'text', 'bday'],
  address: ['Address', 'text', 'street-address'],
  gender: ['Gender', 'text', 'sex'],
  locale: ['Locale', 'text', 'language'],
  website: ['Website', 'url', 'url'],
  profile: ['Profile', 'url', 'url'],
  picture: ['Picture', 'url', 'photo'],
  zoneinfo: ['Time zone', 'text', 'off'],
};

function attributeField(name: string, value?: string): AttributeField {
  const [label, type, autocomplete] = LABELS[name] ?? [name.replace(/^custom:/, '').replace(/_/g, ' '), 'text', 'off'];
  return { name, label, type, autocomplete, value };
}

/** The sign-up form of a pool: username (unless e-mail/phone is the username), required and verified attributes. */
function signUpFields(pool: UserPool, form?: URLSearchParams) {
  const usernameAttrs: string[] = pool.config.UsernameAttributes ?? [];
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  if (usernameAttrs.length) add(usernameAttrs.includes('email') ? 'email' : 'phone_number');
  for (const a of poolSchema(pool).values()) if (a.Required === true && a.Name !== 'sub') add(a.Name);
  for (const a of (pool.config.AutoVerifiedAttributes ?? []) as string[]) add(a);
  return {
    usernameField: usernameAttrs.length ? undefined : { name: 'username', label: 'Username', type: 'text', value: form?.get('username') ?? undefined },
    attributes: names.map((n) => attributeField(n, form?.get(`attr:${n}`) ?? undefined)),
  };
}

async function props(web: Web, o: OpenRequest, error?: string): Promise<PageProps> {
  return { base: web.base, query: web.carried, csrf: csrfFor(web), branding: await branding(web, o.pool.id, o.client.id), error, notice: error ? undefined : noticeOf(web) };
}

/** Runs a domain call; a client error (ServiceError 4xx) becomes the message for the page, anything else propagates. */
async function attempt(f: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await f();
    return undefined;
  } catch (e) {
    if (e instanceof ServiceError && e.status < 500) return e.message;
    throw e;
  }
}

async function open(web: Web, post: boolean): Promise<{ o: OpenRequest; form?: URLSearchParams }> {
  const o = await openAuthorizeRequest(web.svc, web.params, web.domain);
  if (!post) return { o };
  const form = checkedForm(web);
  if (!form) throw new Forged();
  return { o, form };
}
class Forged extends Error {}

/** Wraps a page handler so a forged form gets the 403 page. */
export const guarded = (f: (web: Web, post: boolean) => Promise<unknown>, post: boolean) => async (web: Web) => {
  try {
    return await f(web, post);
  } catch (e) {
    if (e instanceof Forged) return sendErrorPage(web.svc, web.reply, 403, ...FORGED);
    throw e;
  }
};

export async function signUpPage(web: Web, post: boolean) {
  const { o, form } = await open(web, post);
  if (o.pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw new PageError('Sign-up is closed', 'New accounts for this app are created by an administrator.', 403);
  let error: string | undefined;
  if (form) {
    const fields = signUpFields(o.pool, form);
    const attrs = fields.attributes.filter((a) => a.value).map((a) => ({ Name: a.name, Value: a.value! }));
    const username = (fields.usernameField ? form.get('username') : (form.get('attr:email') ?? form.get('attr:phone_number')))?.trim() ?? '';
    if (!username) error = `Enter your ${fields.usernameField ? 'username' : fields.attributes[0]!.label.toLowerCase()}.`;
    else {
      const password = form.get('password') ?? '';
      error = await attempt(() => signUp(web.svc, { ClientId: o.client.id, Username: username, Password: password, SecretHash: secretHashFor(o.client, username), UserAttributes: attrs }));
      if (!error) return redirect(web, href(web.base, '/confirm', web.carried, { username, notice: 'codeSent' }));
    }
  }
  return sendPage(web, SignUpPage({ ...(await props(web, o, error)), ...signUpFields(o.pool, form) }), { status: error ? 400 : 200, formTargets: [o.req.redirectUri] });
}

export async function confirmPage(web: Web, post: boolean) {
  const { o, form } = await open(web, post);
  const username = (form?.get('username') ?? web.params.get('username') ?? '').trim();
  if (!username) throw new PageError('Invalid request', 'The username is missing.');
  let error: string | undefined;
  let notice: string | undefined;
  const resend = () => resendConfirmationCode(web.svc, { ClientId: o.client.id, Username: username, SecretHash: secretHashFor(o.client, username) });
  if (form?.get('action') === 'resend' || (!form && web.params.get('resend') === '1')) {
    error = await attempt(resend);
    notice = error ? undefined : 'We sent you a new code.';
  } else if (form) {
    const code = (form.get('code') ?? '').trim();
    error = await attempt(() => confirmSignUp(web.svc, { ClientId: o.client.id, Username: username, ConfirmationCode: code, SecretHash: secretHashFor(o.client, username) }));
    if (!error) return redirect(web, href(web.base, '/login', web.carried, { notice: 'confirmed' }));
  }
  const p = await props(web, o, error);
  return sendPage(web, ConfirmPage({ ...p, notice: notice ?? p.notice, username }), { status: error ? 400 : 200, formTargets: [o.req.redirectUri] });
}

export async function forgotPasswordPage(web: Web, post: boolean) {
  const { o, form } = await open(web, post);
  let error: string | undefined;
  const username = (form?.get('username') ?? web.params.get('username') ?? '').trim();
  if (form) {
    error = username ? await attempt(() => forgotPassword(web.svc, { ClientId: o.client.id, Username: username, SecretHash: secretHashFor(o.client, username) })) : 'Enter your username.';
    if (!error) return redirect(web, href(web.base, '/confirmForgotPassword', web.carried, { username, notice: 'codeSent' }));
  }
  return sendPage(web, ForgotPasswordPage({ ...(await props(web, o, error)), username: username || undefined }), { status: error ? 400 : 200 });
}

export async function confirmForgotPasswordPage(web: Web, post: boolean) {
  const { o, form } = await open(web, post);
  const username = (form?.get('username') ?? web.params.get('username') ?? '').trim();
  if (!username) throw new PageError('Invalid request', 'The username is missing.');
  let error: string | undefined;
  if (form) {
    const password = form.get('password') ?? '';
    if (password !== (form.get('confirmPassword') ?? '')) error = 'The two passwords do not match.';
    else {
      const code = (form.get('code') ?? '').trim();
      error = await attempt(() =>
        confirmForgotPassword(web.svc, { ClientId: o.client.id, Username: username, ConfirmationCode: code, Password: password, SecretHash: secretHashFor(o.client, username) }),
      );
      if (!error) return redirect(web, href(web.base, '/login', web.carried, { notice: 'reset' }));
    }
  }
  return sendPage(web, ConfirmForgotPasswordPage({ ...(await props(web, o, error)), username }), { status: error ? 400 : 200 });
}
