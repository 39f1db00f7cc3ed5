// POST /api/security-keys – verify a security key's registration and store it in Auth0
import { isFramedRequest } from '@/lib/embed/frame-policy';
import { withRoute } from '@/lib/http/route';
import { clearedCeremonyCookie } from '@/lib/webauthn/ceremony';
import { CEREMONY_COOKIES } from '@/lib/webauthn/challenge-cookie';
import { webauthnConfig } from '@/lib/webauthn/config';
import { addCredentialBodySchema } from '@/lib/webauthn/schemas';
import { finishSecurityKey } from '@/lib/webauthn/security-key-registration';

// Large enough for attestation objects with certificate chains (several KB), small enough to
// refuse junk early.
const MAX_BODY_BYTES = 64 * 1024;

export const POST = withRoute(
  {
    body: addCredentialBodySchema,
    recentAuth: true,
    limit: 'enrol',
    maxBodyBytes: MAX_BODY_BYTES,
    clearCookie: (req) =>
      clearedCeremonyCookie(
        'security-key',
        webauthnConfig().appBaseUrl,
        isFramedRequest(req.headers),
      ),
  },
  async ({ req, user, body, requestId }) => {
    const { factor, view } = await finishSecurityKey({
      user,
      response: body.response,
      name: body.name,
      cookie: req.cookies.get(CEREMONY_COOKIES['security-key'].name)?.value,
      userAgent: req.headers.get('user-agent'),
      requestId,
    });
    return Response.json({ factor, nameSaved: true, view }, { status: 201 });
  },
);
