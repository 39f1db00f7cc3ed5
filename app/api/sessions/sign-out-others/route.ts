// POST /api/sessions/sign-out-others – signs the user out of every session but this browser's
//   ({ ended: how many })
import { withRoute } from '@/lib/http/route';
import { currentSessionSid } from '@/lib/sessions/current';
import { endOtherSessions } from '@/lib/sessions/end-sessions';

export const POST = withRoute({ recentAuth: true, limit: 'change' }, async ({ user }) =>
  Response.json({ ended: await endOtherSessions(user.userId, await currentSessionSid()) }),
);
