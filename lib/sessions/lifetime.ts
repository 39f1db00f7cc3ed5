import type { SessionData } from '@auth0/nextjs-auth0/types';

// How long a sign-in lasts in Keyward: given to nextjs-auth0 (the cookie's Max-Age) and used by
// the stores (when a stored session expires), so both end together.

/** Without use for this long, a session ends (seconds). */
export const INACTIVITY_SECONDS = 24 * 60 * 60;
/** However much it is used, a session ends this long after sign-in (seconds). */
export const ABSOLUTE_SECONDS = 3 * 24 * 60 * 60;
/**
 * A page view extends the session only when it was last extended at least this long ago (issue
 * 22): rolling costs a store write, a cookie encryption and a Set-Cookie, so a plain view sends
 * none, and a session still ends between 23 and 24 hours after its last use.
 */
export const ROLL_AFTER_SECONDS = 60 * 60;

/** Where the stores note when a session was last written (so its expiry last moved), in ms. */
export const WRITTEN_AT_KEY = 'keywardWrittenAt';

/** When a session saved now expires, in milliseconds since the epoch. */
export function expiresAtMs(session: SessionData, nowMs = Date.now()): number {
  const createdAt = session.internal.createdAt * 1000;
  return Math.min(nowMs + INACTIVITY_SECONDS * 1000, createdAt + ABSOLUTE_SECONDS * 1000);
}

/** The session as the stores keep it: stamped with the time of this write. */
export function stampWritten(session: SessionData, nowMs = Date.now()): SessionData {
  return { ...session, [WRITTEN_AT_KEY]: nowMs };
}

/**
 * Whether a page view should extend (roll) the session: its expiry is near, that is, more than
 * ROLL_AFTER_SECONDS of its inactivity window have passed since it was last written, and rolling
 * would still move it (not yet at the absolute end).
 */
export function shouldRoll(session: SessionData, nowMs = Date.now()): boolean {
  const stamped = session[WRITTEN_AT_KEY];
  const writtenAt = typeof stamped === 'number' ? stamped : session.internal.createdAt * 1000;
  const expiresNow = Math.min(
    writtenAt + INACTIVITY_SECONDS * 1000,
    session.internal.createdAt * 1000 + ABSOLUTE_SECONDS * 1000,
  );
  return nowMs - writtenAt >= ROLL_AFTER_SECONDS * 1000 && expiresAtMs(session, nowMs) > expiresNow;
}
