import {
  arrayOf,
  type Checked,
  isBoolean,
  isCount,
  isString,
  nullable,
  objectOf,
} from '@/lib/shapes/check';

// "Where you're signed in": the view model of the security page's sessions list and of
// GET /api/sessions. Narrower than Auth0's session: no user agent string, ASN or metadata.

export const isActiveSession = objectOf({
  /** Auth0's session id (the `sid` of the ID token it issued). */
  id: isString,
  /** "Safari on iOS", from the browser's user agent; null when it cannot be told. */
  device: nullable(isString),
  /** The address Auth0 last saw it from. No place is looked up: that needs an outside service. */
  ip: nullable(isString),
  startedAt: nullable(isString),
  lastActiveAt: nullable(isString),
  /** The applications it signs in to, by name ("Keyward", "2 other applications"). */
  applications: arrayOf(isString),
  /** The session this browser signed in with. */
  current: isBoolean,
});
export type ActiveSession = Checked<typeof isActiveSession>;

export const isSessionsView = objectOf({
  sessions: arrayOf(isActiveSession),
  /** The tenant's plan has no sessions (Auth0: Enterprise): the section explains, lists nothing. */
  notOnPlan: isBoolean,
});
export type SessionsView = Checked<typeof isSessionsView>;

/** POST /api/sessions/sign-out-others: how many sessions were ended. */
export const isSignedOutOthers = objectOf({ ended: isCount });
