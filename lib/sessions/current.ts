import 'server-only';
import { getEnv } from '@/lib/env';
import { readSession } from '@/lib/session';

/** The Auth0 session (`sid`) this browser signed in with; null when the ID token had none. */
export async function currentSessionSid(): Promise<string | null> {
  const session = await readSession();
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
