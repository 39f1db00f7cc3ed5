// GET /api/admin/signing-keys – lists the tenant's signing keys (admins only)
import { withRoute } from '@/lib/http/route';
import { listKeys } from '@/lib/signing-keys/actions';

export const GET = withRoute({ admin: true, limit: 'read' }, async () => {
  return Response.json({ keys: await listKeys() });
});
