// Sign-in as the app does it (authorization code + PKCE, client_secret_post), driven either over
// plain HTTP against the local tenant's sign-in page or in Chromium through Universal Login.

import * as oidc from 'openid-client';
import { CHROMIUM_PATH, type LiveTarget } from './target';

export const LOGIN_SCOPE = 'openid profile email offline_access';

export function discover(target: LiveTarget): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(target.issuer),
    target.app.clientId,
    target.app.clientSecret,
    oidc.ClientSecretPost(target.app.clientSecret),
    target.kind === 'local' ? { execute: [oidc.allowInsecureRequests] } : {},
  );
}

export function callbackUrl(target: LiveTarget): string {
  if (!target.appOrigin) throw new Error('no app origin for the callback');
  return `${target.appOrigin}/auth/callback`;
}

export type LoginResult = {
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  /** Whether the sign-in page asked for the password (false when an existing session was used). */
  prompted: boolean;
};

/** Drives one authorization request to the callback; answers the callback URL. */
interface UserAgent {
  authorize(url: string, callback: string): Promise<{ callbackUrl: string; prompted: boolean }>;
  /** Opens `url` with the agent's sign-in session; answers where it was sent (no redirect followed). */
  visit?(url: string): Promise<{ status: number; location: string | null }>;
  close(): Promise<void>;
}

// --- local tenant: a cookie jar and manual redirects over real HTTP --------------------------

class HttpUserAgent implements UserAgent {
  readonly #jar = new Map<string, string>();
  constructor(private readonly login: { email: string; password: string }) {}

  async #send(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#jar.size > 0) {
      headers.set('cookie', Array.from(this.#jar, ([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie))
        this.#jar.delete(name);
      else this.#jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects; stops at a page or at a URL under `stop`. */
  async #walk(url: string, stop: string, init?: RequestInit) {
    let at = url;
    let res = await this.#send(at, init);
    for (let hop = 0; hop < 12 && res.status >= 300 && res.status < 400; hop++) {
      at = new URL(res.headers.get('location') ?? '', at).href;
      if (at.startsWith(stop)) return { at, res: null };
      res = await this.#send(at);
    }
    return { at, res };
  }

  async authorize(url: string, callback: string) {
    const first = await this.#walk(url, callback);
    if (!first.res) return { callbackUrl: first.at, prompted: false };
    const html = await first.res.text();
    const action = /action="([^"]*\/password)"/.exec(html)?.[1];
    if (!action) throw new Error(`no password form at ${new URL(first.at).pathname}`);
    const done = await this.#walk(new URL(action, first.at).href, callback, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(this.login).toString(),
    });
    if (done.res) {
      throw new Error(`sign-in did not reach the callback (${done.res.status} at ${done.at})`);
    }
    return { callbackUrl: done.at, prompted: true };
  }

  async visit(url: string) {
    const res = await this.#send(url);
    await res.body?.cancel();
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url).href : null };
  }

  async close() {}
}

// --- real tenant: Universal Login in Chromium ------------------------------------------------

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

type PwBrowser = Awaited<ReturnType<typeof import('playwright-core').chromium.launch>>;
type PwContext = Awaited<ReturnType<PwBrowser['newContext']>>;
type PwPage = Awaited<ReturnType<PwContext['newPage']>>;

class ChromiumUserAgent implements UserAgent {
  #browser: PwBrowser | undefined;
  #context: PwContext | undefined;
  #page: PwPage | undefined;
  #callback = '';
  #reached: string | null = null;
  constructor(private readonly login: { email: string; password: string }) {}

  /**
   * A new tab for every authorization request, in one context (one cookie jar, so Auth0's
   * session carries over): the previous tab's late error page cannot interrupt this one.
   */
  async #newPage(): Promise<PwPage> {
    if (!this.#context) {
      const { chromium } = await import('playwright-core');
      this.#browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_FLAGS,
      });
      this.#context = await this.#browser.newContext();
    }
    await this.#page?.close();
    const page = await this.#context.newPage();
    // The redirect to the app's callback is where the flow ends. Playwright's routes do not see
    // requests that follow a redirect, so watch the requests instead: the app need not run (the
    // browser then shows an error page), and if it does, it refuses a callback it did not start.
    page.on('request', (request) => {
      if (this.#callback !== '' && request.url().startsWith(this.#callback)) {
        this.#reached ??= request.url();
      }
    });
    this.#page = page;
    return page;
  }

  /** Clicks the first visible element of `selector`; false when there is none. */
  async #click(page: PwPage, selector: string): Promise<boolean> {
    const target = page.locator(selector).filter({ visible: true }).first();
    if ((await target.count()) === 0) return false;
    await target.click();
    return true;
  }

  async authorize(url: string, callback: string) {
    const page = await this.#newPage();
    this.#callback = callback;
    this.#reached = null;
    const reached = () => this.#reached;
    let prompted = false;
    // Straight to the callback (an existing session) ends in the browser's error page.
    await page.goto(url).catch((error: unknown) => {
      if (!reached()) throw error;
    });
    for (let step = 0; step < 15 && !reached(); step++) {
      await page.waitForLoadState('domcontentloaded');
      if (reached()) break;
      const { origin: at, pathname } = new URL(page.url());
      const path = `${at}${pathname}`;
      if (pathname.startsWith('/u/mfa')) {
        throw new Error(
          'Universal Login asked the contract user for MFA; use a user/tenant without an MFA prompt',
        );
      }
      const before = page.url();
      let acted = false;
      const username = page
        .locator('input[name="username"], input[name="email"]')
        .filter({ visible: true })
        .first();
      const password = page.locator('input[name="password"]').filter({ visible: true }).first();
      const hasUsername = (await username.count()) > 0 && (await username.isEditable());
      const hasPassword = (await password.count()) > 0;
      if (hasUsername && (await username.inputValue()) === '') {
        await username.fill(this.login.email);
      }
      if (hasPassword) {
        await password.fill(this.login.password);
        prompted = true;
      }
      if (hasUsername || hasPassword) {
        // Enter submits the field's own form, not a social or passkey button next to it.
        await (hasPassword ? password : username).press('Enter');
        acted = true;
      } else {
        // Consent (localhost callbacks always ask), then Auth0's optional passkey prompts.
        acted =
          (await this.#click(page, 'button[name="action"][value="accept"]')) ||
          (await this.#click(
            page,
            'button[value*="abort" i], button[value*="snooze" i], button[value*="skip" i]',
          )) ||
          (await this.#click(
            page,
            'a:text-matches("remind me later|not now|continue without|use password|try another", "i"), button:text-matches("remind me later|not now|continue without|use password|try another", "i")',
          ));
      }
      if (!acted) throw new Error(`Universal Login: nothing to do at ${path}`);
      await page
        .waitForURL((u) => u.href !== before || reached() !== null, { timeout: 20_000 })
        .catch(async () => {
          const error = await page
            .locator('[id^="error-element"], .ulp-input-error-message, [role="alert"]')
            .filter({ visible: true })
            .allInnerTexts()
            .catch(() => []);
          throw new Error(`Universal Login stayed at ${path}: ${error.join(' ') || 'no message'}`);
        });
    }
    const callbackUrl = reached();
    if (!callbackUrl) throw new Error('Universal Login did not reach the callback');
    return { callbackUrl, prompted };
  }

  async close() {
    await this.#browser?.close();
  }
}

/** One user agent (keeps its sign-in session between logins) for the target's contract user. */
export class Login {
  readonly #agent: UserAgent;
  /** `browser` defaults to Chromium for a real tenant and plain HTTP for the local one. */
  constructor(
    private readonly target: LiveTarget,
    private readonly config: oidc.Configuration,
    options: { browser?: boolean } = {},
  ) {
    if (!target.login) throw new Error('no login for the contract user');
    this.#agent =
      (options.browser ?? target.kind === 'auth0')
        ? new ChromiumUserAgent(target.login)
        : new HttpUserAgent(target.login);
  }

  async signIn(extra: Record<string, string> = {}): Promise<LoginResult> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const callback = callbackUrl(this.target);
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: callback,
      scope: LOGIN_SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    });
    const { callbackUrl: reached, prompted } = await this.#agent.authorize(url.href, callback);
    const tokens = await oidc.authorizationCodeGrant(this.config, new URL(reached), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    return { tokens, prompted };
  }

  /**
   * Opens a URL (a logout) as this user agent, with its sign-in session where it can (the local
   * tenant's HTTP agent), else without cookies; answers the status and the redirect.
   */
  async visit(url: string): Promise<{ status: number; location: string | null }> {
    if (this.#agent.visit) return this.#agent.visit(url);
    const res = await fetch(url, { redirect: 'manual' });
    await res.body?.cancel();
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url).href : null };
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
