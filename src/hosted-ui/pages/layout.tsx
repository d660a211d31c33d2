/**
 * The frame every hosted-UI page shares: language, viewport, headings, the customer's banner/logo and
 * stylesheet, and the small form building blocks (labelled fields, CSRF field, messages). Rendered on the server
 * with preact, which escapes every text and attribute value; no page carries script, inline style or an inline
 * event handler, so the Content-Security-Policy can forbid them all.
 */
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Branding } from '../customization.js';

export const BASE_CSS_PATH = '/ui-assets/hosted-ui.css';

export interface PageProps {
  /** Mount of the hosted UI ('' or `/domain/{prefix}`), for links and form actions. */
  readonly base: string;
  /** The OAuth request's query string, carried from page to page. */
  readonly query: string;
  readonly csrf: string;
  readonly branding: Branding;
  readonly error?: string;
  readonly notice?: string;
}

export function Layout(props: { title: string; branding: Branding; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={BASE_CSS_PATH} />
        {props.branding.cssHref ? <link rel="stylesheet" href={props.branding.cssHref} /> : null}
      </head>
      <body class="background-customizable">
        <div class="banner-customizable">
          {props.branding.logoSrc ? <img class="logo-customizable" src={props.branding.logoSrc} alt="Logo" /> : null}
        </div>
        <main class="card">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function Messages(props: { error?: string; notice?: string }) {
  return (
    <>
      {props.error ? (
        <p class="errorMessage-customizable" role="alert" id="error">
          {props.error}
        </p>
      ) : null}
      {props.notice ? (
        <p class="textDescription-customizable notice" role="status">
          {props.notice}
        </p>
      ) : null}
    </>
  );
}

export function Form(props: { action: string; csrf: string; children: ComponentChildren; id?: string }) {
  return (
    <form method="post" action={props.action} id={props.id}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  autofocus?: boolean;
}) {
  const id = `field-${props.name.replace(/[^\w-]/g, '_')}`;
  return (
    <div class="field">
      <label class="label-customizable" for={id}>
        {props.label}
      </label>
      <input
        class="inputField-customizable"
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        autoComplete={props.autocomplete}
        required={props.required ?? true}
        inputMode={props.inputmode as any}
        autoFocus={props.autofocus}
        autoCapitalize="none"
        spellcheck={false}
      />
    </div>
  );
}

export const Hidden = (props: { name: string; value: string }) => <input type="hidden" name={props.name} value={props.value} />;

export function Submit(props: { label: string; name?: string; value?: string }) {
  return (
    <button class="submitButton-customizable" type="submit" name={props.name} value={props.value}>
      {props.label}
    </button>
  );
}

export function Link(props: { href: string; children: ComponentChildren }) {
  return (
    <a class="redirect-customizable" href={props.href}>
      {props.children}
    </a>
  );
}

/** `{base}{path}?{query}[&extra]`: the carried OAuth request plus page-specific parameters. */
export function href(base: string, path: string, query: string, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(extra)) {
    q.delete(k);
    if (v !== undefined) q.set(k, v);
  }
  const s = q.toString();
  return `${base}${path}${s ? `?${s}` : ''}`;
}

export const toHtml = (node: preact.VNode) => `<!DOCTYPE html>${render(node)}`;
