// POST /api/admin/signing-keys/[kid]/revoke – revokes a previously used signing key
import { z } from 'zod';
import { withIdempotency } from '@/lib/http/idempotency';
import { withRoute } from '@/lib/http/route';
import { revoke } from '@/lib/signing-keys/actions';

const params = z.object({ kid: z.string().trim().min(1).max(200) });

// 200 { keys }; 409 `key_in_use` for the current or next key and 404 for an unknown kid, both
// decided on a fresh read before Auth0 is asked to revoke anything.
export const POST = withRoute(
  { admin: true, recentAuth: true, params, limit: 'admin' },
  async ({ req, user, params }) =>
    withIdempotency(req, `${user.userId}:revoke:${params.kid}`, async () =>
      Response.json(await revoke(params.kid)),
    ),
);
