// GET /api/factors – the signed-in user's sign-in methods and identities, as the page shows them
import { getFactors } from '@/lib/factors/get-factors';
import { withRoute } from '@/lib/http/route';

export const GET = withRoute({ limit: 'read' }, async ({ user }) =>
  Response.json(await getFactors(user.userId, user.account)),
);
