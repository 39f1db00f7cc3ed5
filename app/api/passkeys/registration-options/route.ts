// POST /api/passkeys/registration-options – creation options for adding a passkey or security key
import { NextResponse } from 'next/server';
import { withRoute } from '@/lib/http/route';
import { CHALLENGE_COOKIE, challengeCookieOptions } from '@/lib/webauthn/challenge-cookie';
import { webauthnConfig } from '@/lib/webauthn/config';
import { beginRegistration } from '@/lib/webauthn/register';
import { registrationOptionsBodySchema } from '@/lib/webauthn/schemas';

export const POST = withRoute(
  { body: registrationOptionsBodySchema, recentAuth: true },
  async ({ user, body }) => {
    const { options, cookie } = await beginRegistration(user, body.kind);
    const response = NextResponse.json({ options });
    // A new ceremony replaces any earlier, unfinished one.
    response.cookies.set(
      CHALLENGE_COOKIE,
      cookie,
      challengeCookieOptions(webauthnConfig().appBaseUrl),
    );
    return response;
  },
);
