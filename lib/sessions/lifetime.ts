import type { SessionData } from '@auth0/nextjs-auth0/types';

// How long a sign-in lasts in Keyward: given to nextjs-auth0 (the cookie's Max-Age) and used by
// the stores (when a stored session expires), so both end together.

/** Without use for this long, a session ends (seconds). */
export const INACTIVITY_SECONDS = 24 * 60 * 60;
/** However much it is used, a session ends this long after sign-in (seconds). */
export const ABSOLUTE_SECONDS = 3 * 24 * 60 * 60;

/** When a session saved now expires, in milliseconds since the epoch. */
export function expiresAtMs(session: SessionData, nowMs = Date.now()): number {
  const createdAt = session.internal.createdAt * 1000;
  return Math.min(nowMs + INACTIVITY_SECONDS * 1000, createdAt + ABSOLUTE_SECONDS * 1000);
}
