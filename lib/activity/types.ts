import { FACTOR_KINDS } from '@/lib/factors/types';
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

// "Recent activity": the view model of the security page's activity section and of
// GET /api/activity. What a person would recognise, not Auth0's event: no codes, ids or details.
// Plain type guards, not zod: the browser checks its server's answer with them.

/** Kinds of event the section shows; each has its words in messages/*.json (security.activity.kinds). */
export const ACTIVITY_KINDS = [
  'signIn',
  'signInPasskey',
  'signInFailed',
  'signInBlocked',
  'signedOut',
  'sessionEnded',
  'methodAdded',
  'methodRemoved',
  'methodRenamed',
  'methodChanged',
  'passwordChanged',
  'passwordChangeFailed',
  'passwordResetRequested',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const isActivityEntry = objectOf({
  /** Auth0's log_id: a key for the list, nothing more. */
  id: isString,
  kind: oneOf(ACTIVITY_KINDS),
  /** ISO time of the event. */
  at: isString,
  /** "Chrome on macOS"; null when Auth0 did not record the browser (or it was Keyward's server). */
  device: nullable(isString),
  /** The address the person acted from; null when unknown or when it would be Keyward's own. */
  ip: nullable(isString),
  /** Roughly where that address is (offline database); null when unknown. */
  place: nullable(isPlace),
  /** The method changed, as it was then (kind and name); null when Auth0's event does not say. */
  method: nullable(
    objectOf({
      /** Auth0's method id, for "Wasn't you?"; null when it is not known. */
      id: nullable(isString),
      kind: oneOf(FACTOR_KINDS),
      /** Its name at the time ('' when it had none). */
      name: isString,
      oldName: nullable(isString),
    }),
  ),
  /** The one session signed out, by its browser and address; null for others or when unknown. */
  session: nullable(
    objectOf({ device: nullable(isString), ip: nullable(isString), place: nullable(isPlace) }),
  ),
  /** How many sessions one sign-out ended (1 for every other kind of row). */
  count: isCount,
});
export type ActivityEntry = Checked<typeof isActivityEntry>;

export const isActivityPage = objectOf({
  entries: arrayOf(isActivityEntry),
  /** The page to ask for next, or null when there is nothing older to show. */
  nextPage: nullable(isCount),
  /** The tenant's plan keeps no user logs: the section explains, lists nothing. */
  notOnPlan: isBoolean,
});
export type ActivityPage = Checked<typeof isActivityPage>;
