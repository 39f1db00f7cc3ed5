// GET /api/sessions – where the user is signed in: their Auth0 sessions, this browser's marked
import { withRoute } from '@/lib/http/route';
import { currentSessionSid } from '@/lib/sessions/current';
import { getSessions } from '@/lib/sessions/get-sessions';

export const GET = withRoute({ limit: 'read' }, async ({ user }) =>
  Response.json(await getSessions(user.userId, await currentSessionSid())),
);
