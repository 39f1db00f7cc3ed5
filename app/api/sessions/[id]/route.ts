// DELETE /api/sessions/[id] – signs the user out of one of their sessions; when it is this
//   browser's, this browser is signed out too ({ signedOutHere: true })
import { withRoute } from '@/lib/http/route';
import { clearSessionCookie, currentSessionSid } from '@/lib/sessions/current';
import { endSession } from '@/lib/sessions/end-sessions';
import { sessionIdParamsSchema } from '@/lib/sessions/schemas';

// Signing a device out changes who is signed in, so it asks for a recent sign-in like removals.
export const DELETE = withRoute(
  { params: sessionIdParamsSchema, recentAuth: true, limit: 'change' },
  async ({ user, params }) => {
    const here = (await currentSessionSid()) === params.id;
    await endSession(user.userId, params.id, { current: here });
    const response = Response.json({ signedOutHere: here });
    if (here) response.headers.append('set-cookie', clearSessionCookie());
    return response;
  },
);
