// GET /api/factors/accepted-credentials – credential ids and user handles for the WebAuthn Signal API
import { getAcceptedCredentials } from '@/lib/factors/accepted-credentials';
import { withRoute } from '@/lib/http/route';

// Kept apart from GET /api/factors so the list never carries credential ids or user handles;
// the page asks for this only in browsers that support signalAllAcceptedCredentials.
export const GET = withRoute({ limit: 'read' }, async ({ user }) =>
  Response.json({ signal: await getAcceptedCredentials(user.userId) }),
);
