// POST /api/admin/signing-keys/rotate-and-revoke – rotates, then revokes the key that was current
import { withRoute } from '@/lib/http/route';
import { rotateAndRevoke } from '@/lib/signing-keys/actions';

// 201 { keys, revokedKid }. If the rotation succeeded but the revoke did not, 502
// `revoke_failed_after_rotate` says exactly that; the rotation stands.
export const POST = withRoute({ admin: true, recentAuth: true }, async () => {
  return Response.json(await rotateAndRevoke(), { status: 201 });
});
