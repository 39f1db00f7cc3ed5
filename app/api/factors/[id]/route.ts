// PATCH /api/factors/[id] – renames one of the user's sign-in methods
// DELETE /api/factors/[id] – revokes one of the user's sign-in methods, unless it would lock them out
//   (204 removed, 202 not yet confirmed by Auth0)
import { renameFactor } from '@/lib/factors/rename-factor';
import { PENDING_MESSAGE, revokeFactor } from '@/lib/factors/revoke-factor';
import { factorIdParamsSchema, renameFactorSchema } from '@/lib/factors/schemas';
import { withRoute } from '@/lib/http/route';

export const PATCH = withRoute(
  { params: factorIdParamsSchema, body: renameFactorSchema, limit: 'change' },
  async ({ user, params, body }) => {
    const factor = await renameFactor(user.userId, params.id, body.name);
    return Response.json({ factor });
  },
);

// Removing a way to sign in needs a recent sign-in; renaming does not.
export const DELETE = withRoute(
  { params: factorIdParamsSchema, recentAuth: true, limit: 'change' },
  async ({ user, params }) => {
    const result = await revokeFactor(user.userId, params.id);
    // 202: Auth0 has the request but has not confirmed it; the page says so instead of "removed".
    if (result === 'pending')
      return Response.json({ pending: true, message: PENDING_MESSAGE }, { status: 202 });
    return new Response(null, { status: 204 });
  },
);
