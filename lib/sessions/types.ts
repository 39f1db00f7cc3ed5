import { DEVICE_TYPES } from '@/lib/authenticators/device-type';
import { isPlace } from '@/lib/geo/types';
import {
  arrayOf,
  type Checked,
  isBoolean,
  isCount,
  isString,
  nullable,
  objectOf,
  oneOf,
} from '@/lib/shapes/check';

// "Where you're signed in": the view model of the security page's sessions list and of
// GET /api/sessions. Narrower than Auth0's session: no user agent string, ASN or metadata.

export const isActiveSession = objectOf({
  /** Auth0's session id (the `sid` of the ID token it issued). */
  id: isString,
  /** "Safari on iOS", from the browser's user agent; null when it cannot be told. */
  device: nullable(isString),
  /** Desktop, phone or tablet; null when the user agent does not say. */
  deviceType: nullable(oneOf(DEVICE_TYPES)),
  /** The address Auth0 last saw it from. */
  ip: nullable(isString),
  /** Roughly where that address is, from the offline database; null when unknown. */
  place: nullable(isPlace),
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
