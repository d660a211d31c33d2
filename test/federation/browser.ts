/**
 * A plain-HTTP browser for the federation tests: follows redirects by hand (so each hop can be asserted),
 * keeps cookies per host and path the simple way, and submits the hosted UI's sign-in form. It is a client, like
 * any browser; it knows nothing of Cognate's internals.
 */
export interface Hop { url: string; status: number; location?: string; body: string; setCookies: string[] }

export class Browser {
  /** host → cookie name → { value, path } */
  readonly jar = new Map<string, Map<string, { value: string; path: string }>>();

  private cookieHeader(url: URL): string | undefined {
    const m = this.jar.get(url.host);
    if (!m) return undefined;
    const parts = [...m].filter(([, c]) => url.pathname.startsWith(c.path)).map(([k, c]) => `${k}=${c.value}`);
    return parts.length ? parts.join('; ') : undefined;
  }

  private store(url: URL, res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a.trim()));
      const m = this.jar.get(url.host) ?? new Map<string, { value: string; path: string }>();
      if (expired) m.delete(name);
      else m.set(name, { value, path });
      this.jar.set(url.host, m);
    }
  }

  /** One request, no redirect following. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; cookie?: string } = {}): Promise<Hop> {
    const u = new URL(url);
    const headers: Record<string, string> = {};
    const cookie = init.cookie ?? this.cookieHeader(u);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(u, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(u, res);
    const location = res.headers.get('location') ?? undefined;
    return { url, status: res.status, body: await res.text(), setCookies: res.headers.getSetCookie(), ...(location ? { location: new URL(location, u).toString() } : {}) };
  }

  /** Follows redirects until one leaves for `stopAt` (not requested) or a page answers; returns every hop. */
  async follow(url: string, stopAt?: (url: string) => boolean, first: { form?: Record<string, string> } = {}): Promise<Hop[]> {
    const hops: Hop[] = [];
    let next: string | undefined = url;
    let form = first.form;
    for (let i = 0; next && i < 20; i++) {
      const hop: Hop = await this.request(next, form ? { form } : {});
      form = undefined;
      hops.push(hop);
      next = hop.status >= 300 && hop.status < 400 ? hop.location : undefined;
      if (next && stopAt?.(next)) break;
    }
    return hops;
  }
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The sign-in form of a hosted-UI page: its absolute action and hidden fields. */
export function loginForm(page: Hop): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*id="login"[^>]*>([\s\S]*?)<\/form>/.exec(page.body) ?? /<form[^>]*action="[^"]*\/login[^"]*"[^>]*>([\s\S]*?)<\/form>/.exec(page.body);
  if (!form) throw new Error(`no sign-in form on ${page.url}: ${page.body.slice(0, 300)}`);
  const action = decode(/action="([^"]*)"/.exec(form[0])![1]!);
  const fields: Record<string, string> = {};
  for (const m of form[1]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) fields[name] = decode(value);
  }
  return { action: new URL(action, page.url).toString(), fields };
}
