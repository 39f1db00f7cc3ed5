// Which page may be framed, and by whom. Used by proxy.ts, so no server-only imports.

/** The one page a host may frame. */
export const EMBED_PAGE = '/embed/security';
/** Where the frame trades a one-time code for its own session cookie (lib/embed/handoff.ts). */
export const EMBED_SESSION_ROUTE = '/embed/session';
/** The popup's last stop after sign-in: it hands a code to the frame and closes. */
export const EMBED_RETURN_PAGE = '/embed/return';
/**
 * Asked by <keyward-security> before it frames anything: may this host embed Keyward? A frame
 * refused by frame-ancestors tells its parent nothing (the browser only logs it), so the element
 * asks first and can say why, while the embed page itself stays unframeable for that host.
 */
export const EMBED_CHECK_ROUTE = '/embed/check';
/** The element's script and its TypeScript declaration, loaded by host pages on other origins. */
export const EMBED_ASSETS = ['/embed.js', '/embed.d.ts'];

/** Static files answer only GET and HEAD; Next's file server meets any other method with a 500. */
export const assetMethodAllowed = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * The host origin named in `?host=`, when EMBED_ALLOWED_ORIGINS lists it exactly; else null.
 * The frame posts only to this origin, and only this origin may frame the page, so a listed host
 * cannot frame it under another host's name either.
 */
export function allowedHost(host: string | null, allowed: readonly string[]): string | null {
  if (host === null) return null;
  return allowed.includes(host) ? host : null;
}

/**
 * frame-ancestors for a request: the named host for the embed page, nobody for anything else
 * (every other page keeps refusing to be framed, whatever EMBED_ALLOWED_ORIGINS says).
 */
export function frameAncestorsFor(url: URL, allowed: readonly string[]): string[] {
  const route = url.pathname.replace(/\/+$/, '');
  if (route !== EMBED_PAGE) return [];
  const host = allowedHost(url.searchParams.get('host'), allowed);
  return host ? [host] : [];
}

/**
 * Set by Keyward's own fetches from inside a frame (components/api-client.ts). It only changes the
 * attributes of the cookies a route sets, so they reach the frame (SameSite=None; Partitioned);
 * another site cannot send it, since a custom header needs a CORS preflight Keyward never grants.
 */
export const FRAME_HEADER = 'x-keyward-frame';
export const isFramedRequest = (headers: Headers) => headers.get(FRAME_HEADER) === '1';

/** True for the embed pages, which render without Keyward's own header. */
export const isEmbedPath = (pathname: string) =>
  pathname === '/embed' || pathname.startsWith('/embed/');

/**
 * A same-origin path back to the embed page (the frame says where to resume), or null for
 * anything else: the session exchange never redirects anywhere but the embed page.
 */
export function embedReturnPath(value: string, appOrigin: string): string | null {
  try {
    const url = new URL(value, appOrigin);
    if (url.origin !== appOrigin || url.pathname !== EMBED_PAGE) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/** An exact origin (scheme://host[:port], nothing else), as hosts name themselves. */
export function isOrigin(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/**
 * GET /embed/check?host=<origin>: `{ allowed }`, readable (CORS) by that origin only; nothing
 * secret, and no session read. Anything but an origin gets a 400 in the usual error shape.
 */
export function embedCheck(
  url: URL,
  allowed: readonly string[],
  /** The catalogue's "That address is not valid.", in the request's language. */
  badAddress: string,
): { status: number; body: unknown; headers: Record<string, string> } {
  const host = url.searchParams.get('host') ?? '';
  const headers = { 'cache-control': 'no-store', vary: 'origin' };
  if (!isOrigin(host)) {
    return {
      status: 400,
      body: { error: { code: 'bad_request', message: badAddress } },
      headers: { ...headers, 'access-control-allow-origin': '*' },
    };
  }
  return {
    status: 200,
    body: { allowed: allowedHost(host, allowed) !== null, setting: 'EMBED_ALLOWED_ORIGINS' },
    headers: { ...headers, 'access-control-allow-origin': host },
  };
}
