import 'server-only';
import { AccessTokenError } from '@auth0/nextjs-auth0/errors';
import { auth0 } from '@/lib/auth0';
import { ApiError, errors } from '@/lib/core/errors';
import { refreshRefusalReason, reportConfig } from '@/lib/diagnostics/config-hints';
import { getEnv } from '@/lib/env';
import { withLock } from '@/lib/locks';
import { KEYWARD_MY_ACCOUNT_SCOPES } from '@/lib/management/scopes';

// Auth0's My Account API, reached through nextjs-auth0, which mints its token from the session's
// refresh token (Multi-Resource Refresh Token policy). Keyward asks for one scope only: it never
// lists, renames or deletes through this API, so every removal stays behind Keyward's own lock.

export const ENROL_SCOPE = KEYWARD_MY_ACCOUNT_SCOPES.join(' ');

export function myAccountAudience(): string {
  return `${getEnv().auth0.issuer}me/`;
}

export const passkeysNotConfigured = () =>
  new ApiError(
    503,
    'passkeys_not_configured',
    'Passkeys can’t be added right now. Nothing was changed. Please try again later.',
  );

/** nextjs-auth0 keeps Auth0's OAuth error code on the AccessTokenError's cause. */
function oauthCodeOf(error: AccessTokenError): string | undefined {
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Makes sure the session holds a My Account token before nextjs-auth0's passkey calls run.
 * Those calls refresh on their own when no token is cached, but do not save the session, so a
 * rotated refresh token would be lost and the next refresh refused as a reuse. getAccessToken()
 * saves the session (route handlers can set cookies), and the passkey calls then find its token.
 *
 * Under a per-user lock: two requests at once (a double click, two tabs) would otherwise both
 * refresh with the same refresh token, and with rotation the second is a reuse that revokes the
 * whole token family. The second waits, then reads the session the first saved and finds its token.
 */
export async function ensureMyAccountToken(userId: string): Promise<void> {
  try {
    await withLock(`my-account-token:${userId}`, () =>
      auth0.getAccessToken({ audience: myAccountAudience(), scope: ENROL_SCOPE }),
    );
  } catch (error) {
    // No refresh token (a session from before offline_access) or a refused refresh: only a
    // fresh sign-in gives a new one.
    if (error instanceof AccessTokenError) {
      // A refusal for the tenant's setup (no MRRT policy, "Require 2FA") would refuse again
      // after a fresh sign-in: say so plainly instead of sending the person round in a loop.
      const reason = refreshRefusalReason(oauthCodeOf(error));
      if (reason) {
        reportConfig(reason);
        throw passkeysNotConfigured();
      }
      throw errors.reauthRequired();
    }
    throw error;
  }
}
