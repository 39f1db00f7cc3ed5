// POST /api/admin/signing-keys/rotate-and-revoke – rotates, then revokes the key that was current
import { withIdempotency } from '@/lib/http/idempotency';
import { withRoute } from '@/lib/http/route';
import { rotateAndRevoke } from '@/lib/signing-keys/actions';

// 201 { keys, revokedKid }; 200 { keys, collapsed: true, revokedKid: null } when a rotation made
// within the last minute is joined instead. If the rotation succeeded but the revoke did not,
// 502 `revoke_failed_after_rotate` says exactly that; the rotation stands.
export const POST = withRoute(
  { admin: true, recentAuth: true, limit: 'admin' },
  async ({ req, user }) =>
    withIdempotency(req, `${user.userId}:rotate-and-revoke`, async () => {
      const result = await rotateAndRevoke();
      return Response.json(result, { status: result.collapsed ? 200 : 201 });
    }),
);
