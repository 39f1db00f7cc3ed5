import 'server-only';
import { AccessTokenError } from '@auth0/nextjs-auth0/errors';
import { auth0 } from '@/lib/auth0';
import { ApiError, errors } from '@/lib/core/errors';
import { refreshRefusalReason, reportConfig } from '@/lib/diagnostics/config-hints';
import { getEnv } from '@/lib/env';
import { withLock } from '@/lib/locks';
import { MY_ACCOUNT_ENROL_SCOPE, MY_ACCOUNT_RENAME_SCOPE } from '@/lib/management/scopes';

// Auth0's My Account API, reached through nextjs-auth0, which mints its token from the session's
// refresh token (Multi-Resource Refresh Token policy). Keyward asks for two scopes, each in a
// token of its own: enrolling a passkey and naming one. It never lists or deletes through this
// API, so every removal stays behind Keyward's own lock.

// nextjs-auth0's passkey calls look their token up by exactly this scope.
export const ENROL_SCOPE = MY_ACCOUNT_ENROL_SCOPE;

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
  await myAccountToken(userId, ENROL_SCOPE);
}

/** A My Account token with `scope`, minted (and the session saved) as ensureMyAccountToken says. */
async function myAccountToken(userId: string, scope: string): Promise<string> {
  try {
    const { token } = await withLock(`my-account-token:${userId}`, () =>
      auth0.getAccessToken({ audience: myAccountAudience(), scope }),
    );
    return token;
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

/** My Account refused the rename (a 4xx): nothing was saved. */
export class RenameRefusedError extends Error {
  constructor(readonly status: number) {
    super(`My Account API refused the rename (${status})`);
    this.name = 'RenameRefusedError';
  }
}

/**
 * Names one of the user's passkeys: `PATCH /me/v1/authentication-methods/{id}` `{ name }`
 * (MyAcc-OAS, scope update:me:authentication_methods). Throws RenameRefusedError for a refusal
 * (nothing saved; the spec lists 400, 401, 403, 415 and 429, and a 404 reads the same), an
 * ApiError when no token can be had, and anything else (a timeout, a 5xx) when the answer is
 * unknown: then the name may still be saved.
 */
export async function renamePasskey(userId: string, methodId: string, name: string): Promise<void> {
  const token = await myAccountToken(userId, MY_ACCOUNT_RENAME_SCOPE);
  const url = `${myAccountAudience()}v1/authentication-methods/${encodeURIComponent(methodId)}`;
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(getEnv().mgmtTimeouts.writeMs),
  });
  await res.body?.cancel();
  if (res.ok) return;
  if (res.status >= 400 && res.status < 500 && res.status !== 408) {
    throw new RenameRefusedError(res.status);
  }
  throw new Error(`My Account API answered ${res.status} to a rename`);
}
