import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { currentContext } from '@/lib/core/request-context';
import { getEnv } from '@/lib/env';
import { listMethods } from '@/lib/factors/get-factors';
import { managementCall } from '@/lib/management/client';
import { ttlStore } from '@/lib/state/ttl-store';
import {
  PASSWORD_TICKET_TTL_SECONDS,
  type PendingChange,
  pendingChangeKey,
} from './pending-change';

/**
 * "Change password" after a fresh sign-in: a Management API password-change ticket, the page
 * where the person sets the new password at Auth0. Auth0's docs on tickets: "your application is
 * responsible for verifying the identity of the user" (the mail link does that by the mailbox);
 * Keyward does it with the re-authentication `withRoute({ recentAuth })` demands.
 *
 * The change itself happens at Auth0. Keyward remembers that it asked (who, from where), so the
 * back-channel logout the change causes can be told apart and mailed (./settle-password-change.ts).
 */
export async function startPasswordChange(userId: string): Promise<string> {
  // Only a listed `password` method proves a password (architecture.md): without one there is
  // nothing to change, and a ticket would give a passkey-only account a password.
  const methods = await listMethods(userId);
  if (!methods.some((m) => m.type === 'password')) {
    throw new ApiError(409, 'no_password', 'This account has no password to change.');
  }
  const { ticket } = await managementCall(
    (mgmt, options) =>
      mgmt.tickets.changePassword(
        {
          user_id: userId,
          result_url: `${getEnv().appBaseUrl}/security?password=changed`,
          ttl_sec: PASSWORD_TICKET_TTL_SECONDS,
          mark_email_as_verified: false,
        },
        options,
      ),
    { write: true },
  );
  const url = ticketUrl(ticket);
  const actor = currentContext()?.actor;
  const pending: PendingChange = { at: Date.now(), actor: actor ?? null };
  await ttlStore().set(
    pendingChangeKey(userId),
    JSON.stringify(pending),
    PASSWORD_TICKET_TTL_SECONDS * 1000,
  );
  return url;
}

/** The browser is sent there: only an http(s) URL on the tenant's own domains. */
function ticketUrl(ticket: unknown): string {
  const { auth0, management } = getEnv();
  const allowed = new Set([new URL(auth0.issuer).host, management.domain]);
  try {
    const url = new URL(String(ticket));
    if ((url.protocol === 'https:' || url.protocol === 'http:') && allowed.has(url.host))
      return url.toString();
  } catch {
    // handled below
  }
  throw new ApiError(503, 'upstream_unavailable', 'Auth0 did not answer with a usable link.');
}
