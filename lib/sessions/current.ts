import 'server-only';
import { auth0 } from '@/lib/auth0';
import { getEnv } from '@/lib/env';

/** The Auth0 session (`sid`) this browser signed in with; null when the ID token had none. */
export async function currentSessionSid(): Promise<string | null> {
  const session = await auth0.getSession();
  return session?.internal.sid || null;
}

/**
 * Deletes this browser's session cookie (nextjs-auth0's default name). The session it names is
 * already gone from the store; this only tidies the browser.
 */
export function clearSessionCookie(): string {
  const secure = new URL(getEnv().appBaseUrl).protocol === 'https:' ? '; Secure' : '';
  return `__session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}
