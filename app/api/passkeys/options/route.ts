// POST /api/passkeys/options – start adding a passkey: Auth0's My Account API picks the options
import { withRoute } from '@/lib/http/route';
import { beginPasskey } from '@/lib/passkeys/enrol';
import { ceremonyResponse } from '@/lib/webauthn/ceremony';
import { webauthnConfig } from '@/lib/webauthn/config';

export const POST = withRoute(
  { recentAuth: true, limit: 'enrol' },
  async ({ req, user, requestId }) => {
    const { options, state } = await beginPasskey(user, requestId);
    return ceremonyResponse(state, { options }, webauthnConfig(), req.headers);
  },
);
