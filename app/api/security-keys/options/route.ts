// POST /api/security-keys/options – creation options for adding a security key
import { withRoute } from '@/lib/http/route';
import { ceremonyResponse } from '@/lib/webauthn/ceremony';
import { webauthnConfig } from '@/lib/webauthn/config';
import { beginSecurityKey } from '@/lib/webauthn/security-key-registration';

export const POST = withRoute({ recentAuth: true, limit: 'enrol' }, async ({ req, user }) => {
  const { options, state } = await beginSecurityKey(user);
  return ceremonyResponse(state, { options }, webauthnConfig(), req.headers);
});
