// nextjs-auth0's middleware mounts far more than Keyward uses: passkey enrolment and a My Account
// and My Organization proxy, MFA and passwordless endpoints, an access-token endpoint. None of
// them pass Keyward's checks (recent sign-in, limits, the lockout rule), so the proxy answers 404
// for everything of theirs except the three routes sign-in needs. An allow-list, so a route a
// future SDK version adds is refused too. No server-only import: proxy.ts runs it.

const USED: ReadonlySet<string> = new Set(['/auth/login', '/auth/logout', '/auth/callback']);

/** Paths the SDK would route itself (it compares them without a trailing slash). */
const SDK_PREFIXES = ['/auth', '/me', '/my-org'] as const;

export function isRefusedSdkRoute(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (USED.has(path)) return false;
  return SDK_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
