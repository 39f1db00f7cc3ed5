// nextjs-auth0's middleware mounts far more than Keyward uses: passkey enrolment and a My Account
// and My Organization proxy, MFA and passwordless endpoints, an access-token endpoint. None of
// them pass Keyward's checks (recent sign-in, limits, the lockout rule), so the proxy answers 404
// for everything of theirs except the three routes sign-in needs and the one Auth0's logout
// tokens come to. An allow-list, so a route a future SDK version adds is refused too. No
// server-only import: proxy.ts runs it.

export const LOGOUT_ROUTE = '/auth/logout';
/** OIDC back-channel logout: Auth0 POSTs a signed logout token; the SDK verifies it. */
export const BACKCHANNEL_LOGOUT_ROUTE = '/auth/backchannel-logout';

const USED: ReadonlySet<string> = new Set([
  '/auth/login',
  LOGOUT_ROUTE,
  '/auth/callback',
  BACKCHANNEL_LOGOUT_ROUTE,
]);

/** Paths the SDK would route itself (it compares them without a trailing slash). */
const SDK_PREFIXES = ['/auth', '/me', '/my-org'] as const;

export function isRefusedSdkRoute(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (USED.has(path)) return false;
  return SDK_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
