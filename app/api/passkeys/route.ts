// POST /api/passkeys – finish adding a passkey: Auth0 verifies and stores it, Keyward names it
import { isFramedRequest } from '@/lib/embed/frame-policy';
import { withRoute } from '@/lib/http/route';
import { finishPasskey } from '@/lib/passkeys/enrol';
import { clearedCeremonyCookie } from '@/lib/webauthn/ceremony';
import { CEREMONY_COOKIES } from '@/lib/webauthn/challenge-cookie';
import { webauthnConfig } from '@/lib/webauthn/config';
import { addPasskeyBodySchema } from '@/lib/webauthn/schemas';

// Large enough for attestation objects with certificate chains (several KB), small enough to
// refuse junk early.
const MAX_BODY_BYTES = 64 * 1024;

export const POST = withRoute(
  {
    body: addPasskeyBodySchema,
    recentAuth: true,
    limit: 'enrol',
    maxBodyBytes: MAX_BODY_BYTES,
    clearCookie: (req) =>
      clearedCeremonyCookie('passkey', webauthnConfig().appBaseUrl, isFramedRequest(req.headers)),
  },
  async ({ req, user, body, requestId }) => {
    const result = await finishPasskey({
      user,
      response: body.response,
      name: body.name,
      cookie: req.cookies.get(CEREMONY_COOKIES.passkey.name)?.value,
      userAgent: req.headers.get('user-agent'),
      requestId,
    });
    return Response.json(result, { status: 201 });
  },
);
