// POST /api/admin/signing-keys/rotate – rotates the tenant's signing key
import { withIdempotency } from '@/lib/http/idempotency';
import { withRoute } from '@/lib/http/route';
import { rotate } from '@/lib/signing-keys/actions';

// 201 { keys }: the table after the rotation (keys is null if only the re-read failed); 200
// { keys, collapsed: true } when a rotation made within the last minute is joined instead.
// Auth0's daily rotation limit answers 429 `rotation_limit`.
export const POST = withRoute(
  { admin: true, recentAuth: true, limit: 'admin' },
  async ({ req, user }) =>
    withIdempotency(req, `${user.userId}:rotate`, async () => {
      const result = await rotate();
      return Response.json(result, { status: result.collapsed ? 200 : 201 });
    }),
);
