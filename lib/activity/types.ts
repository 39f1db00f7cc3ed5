import { z } from 'zod';

// "Recent activity": the view model of the security page's activity section and of
// GET /api/activity. What a person would recognise, not Auth0's event: no codes, ids or details.

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

export const activityEntrySchema = z.object({
  /** Auth0's log_id: a key for the list, nothing more. */
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  /** ISO time of the event. */
  at: z.string(),
  /** "Chrome on macOS"; null when Auth0 did not record the browser (or it was Keyward's server). */
  device: z.string().nullable(),
  /** The address the person acted from; null when unknown or when it would be Keyward's own. */
  ip: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityPageSchema = z.object({
  entries: z.array(activityEntrySchema),
  /** The page to ask for next, or null when there is nothing older to show. */
  nextPage: z.number().int().min(0).nullable(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;
