import type { Locale } from '@/lib/i18n/config';
import { pageTranslator } from '@/lib/i18n/server-text';

// Signing out must not be something another site can do to a person. GET /auth/logout is a plain
// link (the header's "Sign out"), and any page can send a browser to a URL: an <img>, a link, a
// redirect. Fetch Metadata says who started the request, so a GET signs out only when it came from
// Keyward's own pages or from the person (typed, bookmarked). Anything else gets a page with a
// "Sign out" button whose POST must carry Keyward's own Origin. No server-only import: proxy.ts
// runs it.

export type LogoutDecision =
  /** Hand the request to nextjs-auth0's logout. */
  | 'logout'
  /** Ask the person first: a page with a same-origin POST form. */
  | 'confirm'
  /** A POST from elsewhere: refuse. */
  | 'refuse';

/** Fetch Metadata values of requests Keyward's pages or the person started. */
const OWN_GET: ReadonlySet<string> = new Set(['same-origin', 'none']);

export function logoutDecision(req: Request, appOrigin: string): LogoutDecision {
  const site = req.headers.get('sec-fetch-site');
  if (req.method === 'GET') return site !== null && OWN_GET.has(site) ? 'logout' : 'confirm';
  if (req.method !== 'POST') return 'refuse';
  const origin = req.headers.get('origin');
  if (origin === appOrigin) return 'logout';
  // Browsers send Origin on every POST; a missing one passes only if the browser vouches.
  return origin === null && site === 'same-origin' ? 'logout' : 'refuse';
}

/** The page a GET from elsewhere gets: nothing happens until the person presses the button. */
export function confirmLogoutPage(locale: Locale = 'en'): string {
  const t = pageTranslator(locale);
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('logout.title')}</title><main style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${t('logout.heading')}</h1><p>${t('logout.body')}</p><form method="post" action="/auth/logout"><button type="submit" style="font:inherit;padding:.5rem 1rem">${t('logout.confirm')}</button> <a href="/">${t('logout.stay')}</a></form></main></html>`;
}

/**
 * The confirmation page's CSP: its form posts here, and the answer redirects to the sign-in
 * domain's logout. Browsers hold form submissions' redirects to form-action too.
 */
export function allowFormTarget(csp: string, origin: string): string {
  return csp.replace("form-action 'self'", `form-action 'self' ${origin}`);
}
