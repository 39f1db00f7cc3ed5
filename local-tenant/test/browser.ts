// A minimal "browser" for driving the sign-in flow over real HTTP: a cookie jar and manual
// redirects, so tests can stop at the app's redirect URI.

export class Browser {
  readonly cookies = new Map<string, string>();

  /**
   * `userAgent`: the User-Agent header on every request (fetch's own otherwise); `forwardedFor`:
   * an X-Forwarded-For header on every request, as a proxy in front of the tenant would add.
   */
  constructor(private readonly options: { userAgent?: string; forwardedFor?: string } = {}) {}

  #store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.options.userAgent) headers.set('user-agent', this.options.userAgent);
    if (this.options.forwardedFor) headers.set('x-forwarded-for', this.options.forwardedFor);
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.#store(res);
    return res;
  }

  /** Follows redirects until a page is returned or the location starts with `stopAt`. */
  async follow(
    url: string,
    stopAt: string,
    init: RequestInit = {},
  ): Promise<{ url: string; res: Response }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location');
      if (!location) break;
      current = new URL(location, current).href;
      if (current.startsWith(stopAt)) return { url: current, res };
      res = await this.request(current);
    }
    return { url: current, res };
  }

  async postForm(url: string, fields: Record<string, string>, stopAt: string) {
    return this.follow(url, stopAt, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

export function formAction(html: string, suffix: string): string {
  const match = new RegExp(`action="([^"]*${suffix})"`).exec(html);
  if (!match?.[1]) throw new Error(`no form ending in ${suffix}`);
  return match[1];
}
