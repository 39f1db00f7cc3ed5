// POST /api/admin/signing-keys/rotate – rotates the tenant's signing key
import { withRoute } from '@/lib/http/route';
import { rotate } from '@/lib/signing-keys/actions';

// 201 { keys }: the table after the rotation (keys is null if only the re-read failed).
// Auth0's daily rotation limit answers 429 `rotation_limit`.
export const POST = withRoute({ admin: true, recentAuth: true }, async () => {
  return Response.json(await rotate(), { status: 201 });
});
