import 'server-only';
import { ManagementError, ManagementTimeoutError } from 'auth0';
import { ApiError } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
import { withLock } from '@/lib/locks';
import { managementCall } from '@/lib/management/client';
import { assertRevocable, currentKey } from './guards';
import { mapSigningKeys, type SigningKeyView } from './map-keys';

// A rotate or revoke that timed out may still have happened at Auth0. Retrying a rotate would
// rotate twice and promote a key no app has fetched from the JWKS yet, so mutations run once.
const ONCE = { maxRetries: 0 } as const;

// Serialises Keyward's own rotations and revocations (two admins, a double click), so
// rotate-and-revoke always revokes the key that was current just before its own rotation.
const SIGNING_KEYS_LOCK = 'signing-keys';

export type KeysResult = {
  /** The table after the change, or null if re-reading it failed (the change itself succeeded). */
  keys: SigningKeyView[] | null;
};

export async function listKeys(): Promise<SigningKeyView[]> {
  return mapSigningKeys(await managementCall((mgmt) => mgmt.keys.signing.list()));
}

/** After a successful change, a failed re-read must not turn the answer into an error. */
async function listKeysAfterChange(): Promise<SigningKeyView[] | null> {
  try {
    return await listKeys();
  } catch (error) {
    log('warn', 'signing_keys_reread_failed', {
      error: error instanceof Error ? error.name : 'unknown',
    });
    return null;
  }
}

function retryAfter(error: ManagementError): Record<string, string> {
  const value = error.rawResponse?.headers?.get('retry-after');
  return value && /^\d+$/.test(value) ? { 'retry-after': value } : {};
}

/**
 * Auth0 allows 5 rotations a day (burst 5), so its 429 here is almost always that quota, not a
 * passing spike: we answer 429 `rotation_limit` and say so, rather than the generic 503 "busy".
 */
function rotateError(error: unknown): unknown {
  if (error instanceof ManagementError && error.statusCode === 429) {
    return new ApiError(
      429,
      'rotation_limit',
      'Auth0 refused the rotation: it allows 5 signing-key rotations a day, and this tenant has reached that limit. The keys were not changed. Please try again later.',
      retryAfter(error),
    );
  }
  return error;
}

function revokeError(error: unknown): unknown {
  if (error instanceof ManagementError && error.statusCode === 404) {
    return new ApiError(
      404,
      'not_found',
      'Auth0 no longer has that signing key. The list has been refreshed.',
    );
  }
  if (error instanceof ManagementError && (error.statusCode === 400 || error.statusCode === 409)) {
    // The key changed state between our read and Auth0's check (someone rotated or revoked).
    return new ApiError(
      409,
      'key_in_use',
      'Auth0 refused to revoke that key; it is no longer a previously used key. The list has been refreshed.',
    );
  }
  return error;
}

async function rotateOnce(): Promise<void> {
  try {
    await managementCall((mgmt) => mgmt.keys.signing.rotate(ONCE));
  } catch (error) {
    throw rotateError(error);
  }
}

async function revokeOnce(kid: string): Promise<void> {
  try {
    await managementCall((mgmt) => mgmt.keys.signing.revoke(kid, ONCE));
  } catch (error) {
    throw revokeError(error);
  }
}

/** Rotates: next → current, current → previously used, and Auth0 creates a new next key. */
export async function rotate(): Promise<KeysResult> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    await rotateOnce();
    return { keys: await listKeysAfterChange() };
  });
}

/** Revokes a previously used key. The guard runs on a fresh read, before Auth0 is asked. */
export async function revoke(kid: string): Promise<KeysResult> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    assertRevocable(await listKeys(), kid);
    await revokeOnce(kid);
    return { keys: await listKeysAfterChange() };
  });
}

/** Why the revoke failed, in a few words for the person at the page. */
function revokeFailureReason(error: unknown): string {
  if (error instanceof ApiError) return error.message.replace(/\.$/, '');
  if (error instanceof ManagementTimeoutError) return 'Auth0 did not answer in time';
  if (error instanceof ManagementError && error.statusCode === 429)
    return 'Auth0 rate-limited the request';
  if (error instanceof ManagementError)
    return `Auth0 answered with status ${error.statusCode ?? 'unknown'}`;
  return 'an unexpected error';
}

/**
 * Rotate, then revoke the key that was current before, under one lock. If the rotation worked
 * but the revoke did not, the answer says exactly that (502 `revoke_failed_after_rotate`); the
 * client re-reads the table, which then shows the new current key and the old one still previous.
 */
export async function rotateAndRevoke(): Promise<KeysResult & { revokedKid: string }> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    const wasCurrent = currentKey(await listKeys());
    await rotateOnce();
    try {
      await revokeOnce(wasCurrent.kid);
    } catch (error) {
      log('warn', 'revoke_failed_after_rotate', {
        kid: wasCurrent.kid,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw new ApiError(
        502,
        'revoke_failed_after_rotate',
        `The key was rotated, but revoking the previous key failed: ${revokeFailureReason(error)}. Tokens signed with it still verify. Revoke it from the table.`,
      );
    }
    return { keys: await listKeysAfterChange(), revokedKid: wasCurrent.kid };
  });
}
