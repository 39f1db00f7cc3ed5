// POST /api/password/change – after a recent sign-in, asks Auth0 for a password-change ticket and
//   answers its URL ({ ticketUrl }), where the browser goes to choose the new password
import { withRoute } from '@/lib/http/route';
import { startPasswordChange } from '@/lib/password/start-password-change';

export const POST = withRoute({ recentAuth: true, limit: 'change' }, async ({ user }) =>
  Response.json({ ticketUrl: await startPasswordChange(user.userId) }),
);
