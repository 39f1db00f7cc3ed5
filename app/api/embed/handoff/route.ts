// POST /api/embed/handoff – called by the sign-in popup, signed in at top level: a one-time code
// the frame that opened it trades for its own session (lib/embed/handoff.ts).
import { z } from 'zod';
import { ApiError, errors } from '@/lib/core/errors';
import { allowedHost } from '@/lib/embed/frame-policy';
import { mintHandoff, SESSION_COOKIE } from '@/lib/embed/handoff';
import { getEnv } from '@/lib/env';
import { withRoute } from '@/lib/http/route';

const body = z.object({
  /** base64url(SHA-256(verifier)); the verifier never leaves the frame. */
  challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  host: z.string().max(2048),
});

export const POST = withRoute({ body, limit: 'change' }, async ({ req, body }) => {
  const host = allowedHost(body.host, getEnv().embedAllowedOrigins);
  if (!host) throw new ApiError(403, 'host_not_allowed', 'This site may not embed Keyward.');
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  if (!cookie) throw errors.unauthorized();
  const code = await mintHandoff({ cookie, challenge: body.challenge, host });
  return Response.json({ code });
});
