import { z } from 'zod';

// Request shapes of /api/sessions*, for the handlers (server only: zod stays out of the browser).

/** `[id]` of /api/sessions/[id]: only ever compared with the user's own session ids. */
export const sessionIdParamsSchema = z.object({
  id: z.string().min(1, 'Missing id.').max(128, 'That id is too long.'),
});
