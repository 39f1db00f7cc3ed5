import { type NextRequest, NextResponse } from 'next/server';
import { auth0 } from '@/lib/auth0';
import { getEnv } from '@/lib/env';
import { isRefusedSdkRoute } from '@/lib/http/sdk-routes';
import { buildCsp, securityHeaders } from '@/lib/security/headers';

// Next 16's middleware. It mounts the nextjs-auth0 routes sign-in needs (/auth/login,
// /auth/logout, /auth/callback) and refuses every other route the SDK would mount, rolls the
// session cookie, and adds the security headers.
// It is not an authorisation layer: pages and route handlers check the session themselves.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { embedAllowedOrigins, appBaseUrl } = getEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = buildCsp({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    frameAncestors: embedAllowedOrigins,
  });
  const headers = securityHeaders(csp, embedAllowedOrigins, appBaseUrl);

  if (isRefusedSdkRoute(request.nextUrl.pathname)) {
    const refused = NextResponse.json(
      { error: { code: 'not_found', message: 'Not found.' } },
      { status: 404, headers: { 'cache-control': 'no-store' } },
    );
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }

  const authResponse = await auth0.middleware(request);
  if (request.nextUrl.pathname.startsWith('/auth/')) {
    for (const [name, value] of Object.entries(headers)) authResponse.headers.set(name, value);
    return authResponse;
  }

  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // Keep what nextjs-auth0 decided for this request (a rolled session cookie, for instance).
  for (const cookie of authResponse.cookies.getAll()) response.cookies.set(cookie);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
