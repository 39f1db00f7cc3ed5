// GET /api/activity?page=N – the user's recent security activity from Auth0's logs, one page
// (one Management API call) at a time; the security page loads it after its main lists.
import { getActivity, parsePage } from '@/lib/activity/get-activity';
import { withRoute } from '@/lib/http/route';

export const GET = withRoute({ limit: 'read' }, async ({ req, user }) =>
  Response.json(await getActivity(user.userId, parsePage(req.nextUrl.searchParams.get('page')))),
);
