// POST /api/passkeys – verify a registration ceremony and store the new passkey or security key
import { NextResponse } from 'next/server';
import { ApiError, errors } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
import { withRoute } from '@/lib/http/route';
import { managementErrorToApiError } from '@/lib/management/errors';
import { CHALLENGE_COOKIE, challengeCookieOptions } from '@/lib/webauthn/challenge-cookie';
import { webauthnConfig } from '@/lib/webauthn/config';
import { finishRegistration } from '@/lib/webauthn/register';
import { createPasskeyBodySchema } from '@/lib/webauthn/schemas';

// Large enough for attestation objects with certificate chains (several KB), small enough to
// refuse junk early.
const MAX_BODY_BYTES = 64 * 1024;

/** The Set-Cookie header that deletes the challenge cookie. */
function clearedCookie(): string {
  const options = challengeCookieOptions(webauthnConfig().appBaseUrl, 0);
  const probe = new NextResponse(null);
  probe.cookies.set(CHALLENGE_COOKIE, '', options);
  return probe.headers.get('set-cookie') ?? '';
}

// The challenge is single-use whatever the outcome, so error answers delete the cookie too.
function withClearedCookie(error: unknown, requestId: string): ApiError {
  const headers = { 'set-cookie': clearedCookie() };
  if (error instanceof ApiError) {
    return new ApiError(error.status, error.code, error.message, { ...error.headers, ...headers });
  }
  const upstream = managementErrorToApiError(error);
  if (upstream) {
    log('warn', 'upstream_error', { requestId, path: '/api/passkeys' });
    return new ApiError(upstream.status, upstream.code, upstream.message, {
      ...upstream.headers,
      ...headers,
    });
  }
  log('error', 'unhandled_error', {
    requestId,
    path: '/api/passkeys',
    error: error instanceof Error ? error.name : typeof error,
  });
  const internal = errors.internal();
  return new ApiError(internal.status, internal.code, internal.message, headers);
}

export const POST = withRoute(
  { body: createPasskeyBodySchema, recentAuth: true, maxBodyBytes: MAX_BODY_BYTES },
  async ({ req, user, body, requestId }) => {
    try {
      const factor = await finishRegistration({
        user,
        response: body.response,
        name: body.name,
        cookie: req.cookies.get(CHALLENGE_COOKIE)?.value,
        userAgent: req.headers.get('user-agent'),
        requestId,
      });
      const response = NextResponse.json({ factor }, { status: 201 });
      response.headers.append('set-cookie', clearedCookie());
      return response;
    } catch (error) {
      throw withClearedCookie(error, requestId);
    }
  },
);
