import { z } from 'zod';

// "Where you're signed in": the view model of the security page's sessions list and of
// GET /api/sessions. Narrower than Auth0's session: no user agent string, ASN or metadata.

export const activeSessionSchema = z.object({
  /** Auth0's session id (the `sid` of the ID token it issued). */
  id: z.string(),
  /** "Safari on iOS", from the browser's user agent; null when it cannot be told. */
  device: z.string().nullable(),
  /** The address Auth0 last saw it from. No place is looked up: that needs an outside service. */
  ip: z.string().nullable(),
  startedAt: z.string().nullable(),
  lastActiveAt: z.string().nullable(),
  /** The applications it signs in to, by name ("Keyward", "2 other applications"). */
  applications: z.array(z.string()),
  /** The session this browser signed in with. */
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;

export const sessionsViewSchema = z.object({ sessions: z.array(activeSessionSchema) });
export type SessionsView = z.infer<typeof sessionsViewSchema>;

/** `[id]` of /api/sessions/[id]: only ever compared with the user's own session ids. */
export const sessionIdParamsSchema = z.object({
  id: z.string().min(1, 'Missing id.').max(128, 'That id is too long.'),
});

/** POST /api/sessions/sign-out-others: how many sessions were ended. */
export const signedOutOthersSchema = z.object({ ended: z.number().int().min(0) });
