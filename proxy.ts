import { NextRequest, NextResponse } from 'next/server';
import { auth0 } from '@/lib/auth0';
import {
  assetMethodAllowed,
  EMBED_ASSETS,
  EMBED_CHECK_ROUTE,
  EMBED_SESSION_ROUTE,
  embedCheck,
  frameAncestorsFor,
  isEmbedPath,
} from '@/lib/embed/frame-policy';
import { localeForEmbed } from '@/lib/embed/options';
import { exchangeEmbedSession } from '@/lib/embed/session-exchange';
import { getEnv } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-ip';
import { allowFormTarget, confirmLogoutPage, logoutDecision } from '@/lib/http/logout-guard';
import { BACKCHANNEL_LOGOUT_ROUTE, isRefusedSdkRoute, LOGOUT_ROUTE } from '@/lib/http/sdk-routes';
import { negotiateLocale } from '@/lib/i18n/config';
import { pageTranslator, serverText } from '@/lib/i18n/server-text';
import { type AddressLimitName, takeAddressLimit } from '@/lib/rate-limits/address-limits';
import { buildCsp, securityHeaders } from '@/lib/security/headers';
import { backchannelLogout } from '@/lib/sessions/backchannel-logout';
import { shouldRoll } from '@/lib/sessions/lifetime';

// Next 16's middleware. It mounts the nextjs-auth0 routes sign-in needs (/auth/login,
// /auth/logout, /auth/callback, and /auth/backchannel-logout for Auth0's logout tokens) and
// refuses every other route the SDK would mount, keeps sign-out to Keyward's own pages, rolls the
// session on page loads when its expiry is near, and adds the security headers.
// It is not an authorisation layer: pages and route handlers check the session themselves.

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

const jsonError = (status: number, code: string, message: string) =>
  NextResponse.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store' } },
  );

/** Percent-encoding that does not decode (`/api/factors/%`) would otherwise be Next's bare 500. */
function isMalformed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const localeOf = (request: NextRequest) => negotiateLocale(request.headers.get('accept-language'));

type ProxyPage = 'signInUnavailable' | 'signInFailed' | 'tooManyRequests';

/** One of the few pages the proxy writes itself: a heading, a sentence and a way on. */
function proxyPage(
  request: NextRequest,
  page: ProxyPage,
  status: number,
  options: {
    values?: Record<string, number>;
    href?: string;
    headers?: Record<string, string>;
  } = {},
): NextResponse {
  const locale = localeOf(request);
  const t = pageTranslator(locale);
  return new NextResponse(
    `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${t(`${page}.title`)}</title><main style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${t(`${page}.heading`)}</h1><p>${t(`${page}.body`, options.values)}</p><p><a href="${options.href ?? '/'}">${t(`${page}.back`)}</a></p></main></html>`,
    {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...options.headers,
      },
    },
  );
}

// Sign-in could not reach the tenant (down, or its discovery failing): the SDK's own answer is a
// bare 500 or a throw. Say what happened instead, as a page, since a browser navigated here.
const signInUnavailable = (request: NextRequest) =>
  proxyPage(request, 'signInUnavailable', 503, { headers: { 'retry-after': '5' } });

/**
 * A callback the tenant was not asked about or refused (lib/http/callback-failure.ts): a bad or
 * stale request, 400. A browser gets a page that starts sign-in again; anything else the JSON body.
 */
function signInFailed(request: NextRequest): NextResponse {
  if (request.headers.get('sec-fetch-mode') === 'navigate') {
    return proxyPage(request, 'signInFailed', 400, { href: '/auth/login' });
  }
  return jsonError(400, 'sign_in_failed', serverText('signInFailed', localeOf(request)));
}

/** The per-address limit a request counts against, if it is one anyone may send unsigned. */
function addressLimitOf(route: string, method: string): AddressLimitName | null {
  if (route === '/auth/login') return 'login';
  if (route === '/auth/callback') return 'callback';
  if (route === BACKCHANNEL_LOGOUT_ROUTE && method === 'POST') return 'backchannelLogout';
  if (route === EMBED_SESSION_ROUTE && method === 'POST') return 'embedSession';
  return null;
}

/** 429: a small page for a browser's navigation, the JSON error body for anything else. */
function tooManyRequests(request: NextRequest, seconds: number): NextResponse {
  const headers = { 'cache-control': 'no-store', 'retry-after': String(seconds) };
  if (request.headers.get('sec-fetch-mode') !== 'navigate') {
    const locale = localeOf(request);
    const message =
      seconds === 1
        ? serverText('tooOftenOne', locale)
        : serverText('tooOften', locale, { seconds });
    return NextResponse.json(
      { error: { code: 'rate_limited', message } },
      { status: 429, headers },
    );
  }
  return proxyPage(request, 'tooManyRequests', 429, { values: { seconds }, headers });
}

// Pages that need a signed-in person. Signed out, they answer 307 to sign-in here, before any
// rendering: a redirect from inside a streamed page would arrive as a 200 with a meta refresh.
// The pages still check the session themselves (requireUser); this only answers sooner.
const SIGNED_IN_PAGES = ['/security', '/admin'];

const needsSignIn = (pathname: string) =>
  SIGNED_IN_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));

type ProxySession = Awaited<ReturnType<typeof auth0.getSession>>;

/** The session, or null when there is none; undefined when it could not be read. */
async function readSession(request: NextRequest): Promise<ProxySession | undefined> {
  try {
    return await auth0.getSession(request);
  } catch {
    // An unreadable session is the page's to handle (it redirects too); never guess here.
    return undefined;
  }
}

/**
 * Extends the session (a store write and a new cookie) when a page is loaded and its expiry is
 * near (lib/sessions/lifetime.ts), so a plain view sends no Set-Cookie. API calls never roll it.
 * A failed roll leaves the session as it was: the page still answers.
 */
async function rollIfDue(request: NextRequest, response: NextResponse, session: ProxySession) {
  if (!session || !shouldRoll(session)) return;
  try {
    await auth0.updateSession(request, response, session);
  } catch {
    // Signed out meanwhile, or the store unavailable: nothing to extend.
  }
}

function signInRedirect(request: NextRequest): NextResponse {
  const target = request.nextUrl.clone();
  target.pathname = '/auth/login';
  target.search = '';
  target.searchParams.set('returnTo', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(target, 307);
}

async function authMiddleware(request: NextRequest): Promise<NextResponse> {
  try {
    const response = await auth0.middleware(request);
    const own = request.nextUrl.pathname.startsWith('/auth/');
    if (own && response.status >= 500) return signInUnavailable(request);
    // lib/auth0.ts's onCallback answers a bad or stale callback 400, with no body of its own.
    if (own && response.status === 400 && !response.body)
      return keepCookies(response, signInFailed(request));
    return response;
  } catch {
    return signInUnavailable(request);
  }
}

/** `page` with the cookies `from` sets (the SDK clears the spent sign-in transaction's cookie). */
function keepCookies(from: NextResponse, page: NextResponse): NextResponse {
  for (const cookie of from.headers.getSetCookie()) page.headers.append('set-cookie', cookie);
  return page;
}

/**
 * Sign-out, which another site must not be able to trigger (lib/http/logout-guard.ts). The SDK
 * signs out on GET only, so an accepted POST is handed to it as the same request with GET, and
 * its redirect becomes a 303 so the browser follows it with a GET.
 */
async function logout(request: NextRequest, appOrigin: string): Promise<NextResponse> {
  const decision = logoutDecision(request, appOrigin);
  if (decision === 'confirm') {
    return new NextResponse(confirmLogoutPage(localeOf(request)), {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  if (decision === 'refuse') {
    return jsonError(403, 'cross_origin', serverText('crossOrigin', localeOf(request)));
  }
  if (request.method === 'GET') return authMiddleware(request);
  const response = await authMiddleware(
    new NextRequest(request.nextUrl, { method: 'GET', headers: request.headers }),
  );
  if (response.status < 300 || response.status >= 400) return response;
  return new NextResponse(null, { status: 303, headers: response.headers });
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { embedAllowedOrigins, appBaseUrl } = getEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  // Only the embed page may be framed, and only by the host it names (lib/embed/frame-policy.ts).
  const frameAncestors = frameAncestorsFor(request.nextUrl, embedAllowedOrigins);
  const csp = buildCsp({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    frameAncestors,
  });
  const headers = securityHeaders(csp, frameAncestors, appBaseUrl);
  const { pathname } = request.nextUrl;

  if (isMalformed(pathname)) {
    const message = serverText('badAddress', localeOf(request));
    return withHeaders(jsonError(400, 'bad_request', message), headers);
  }
  const route = pathname.replace(/\/+$/, '');
  // Static files (the app icon, the element's script and types) answer only GET and HEAD.
  const embedAsset = EMBED_ASSETS.includes(route);
  if (embedAsset || route === APP_ICON) {
    if (!assetMethodAllowed(request.method)) {
      const message = serverText('methodNotAllowed', localeOf(request));
      return withHeaders(jsonError(405, 'method_not_allowed', message), {
        ...headers,
        allow: 'GET, HEAD',
      });
    }
    // Host pages on other origins load the element's script as a module (so with CORS).
    const cors: Record<string, string> = embedAsset
      ? { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' }
      : {};
    return withHeaders(NextResponse.next(), { ...headers, ...cors });
  }
  // Before any other work: a flood from one address costs the tenant and the stores nothing.
  const limit = addressLimitOf(route, request.method);
  if (limit) {
    const ip = clientAddress(request.headers.get('x-forwarded-for'), getEnv().trustedProxyHops);
    const wait = await takeAddressLimit(limit, ip);
    if (wait !== null) return withHeaders(tooManyRequests(request, wait), headers);
  }
  // Logout tokens come as a POST from Auth0's servers; nothing else is served there.
  if (
    isRefusedSdkRoute(pathname) ||
    (route === BACKCHANNEL_LOGOUT_ROUTE && request.method !== 'POST')
  ) {
    return withHeaders(
      jsonError(404, 'not_found', serverText('notFound', localeOf(request))),
      headers,
    );
  }
  if (route === BACKCHANNEL_LOGOUT_ROUTE) {
    const outcome = await backchannelLogout(request);
    if (outcome.status === 204)
      return withHeaders(new NextResponse(null, { status: 204 }), headers);
    const key = {
      invalid_logout_token: 'logoutTokenInvalid',
      payload_too_large: 'payloadTooLarge',
      upstream_unavailable: 'upstreamUnavailable',
      store_unavailable: 'storeUnavailable',
    } as const;
    const message = serverText(key[outcome.code], localeOf(request), { limit: 16 * 1024 });
    return withHeaders(jsonError(outcome.status, outcome.code, message), headers);
  }
  if (route === LOGOUT_ROUTE) {
    const response = withHeaders(await logout(request, appBaseUrl), headers);
    const signInOrigin = new URL(getEnv().auth0.issuer).origin;
    response.headers.set('content-security-policy', allowFormTarget(csp, signInOrigin));
    return response;
  }

  if (route === EMBED_CHECK_ROUTE) {
    const bad = serverText('badAddress', localeOf(request));
    const check = embedCheck(request.nextUrl, embedAllowedOrigins, bad);
    return withHeaders(NextResponse.json(check.body, { status: check.status }), {
      ...headers,
      ...check.headers,
    });
  }
  if (route === EMBED_SESSION_ROUTE) {
    return withHeaders(
      await exchangeEmbedSession(request, appBaseUrl, embedAllowedOrigins),
      headers,
    );
  }

  if (pathname.startsWith('/auth/')) return withHeaders(await authMiddleware(request), headers);
  // Pages read the session here once (to send the signed-out to sign-in, and to roll it when due);
  // API calls leave it to their route handler, which reads it anyway.
  const page = !pathname.startsWith('/api/');
  const session = page ? await readSession(request) : undefined;
  if (needsSignIn(pathname) && session === null) {
    return withHeaders(signInRedirect(request), headers);
  }

  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const embed = isEmbedPath(pathname);
  // The layout leaves out Keyward's own header and banner in a frame.
  if (embed) requestHeaders.set('x-keyward-embed', '1');
  else requestHeaders.delete('x-keyward-embed');
  // The host's `lang` for the frame (lib/embed/options.ts), else the browser's, as everywhere.
  const lang = embed ? localeForEmbed(request.nextUrl.searchParams.get('lang')) : null;
  if (lang) requestHeaders.set('accept-language', lang);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // A rolled session cookie goes out with the page. A cross-site frame's browser drops it
  // (SameSite=Lax); the frame keeps the partitioned cookie of its handoff, which names the same,
  // still rolling, server-side session until its own expiry.
  if (page) await rollIfDue(request, response, session ?? null);
  return withHeaders(response, headers);
}

/** app/icon.svg, served by Next's file handling. */
const APP_ICON = '/icon.svg';

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
