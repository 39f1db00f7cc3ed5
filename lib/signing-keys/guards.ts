import { ApiError } from '@/lib/core/errors';
import type { SigningKeyState, SigningKeyView } from './map-keys';

const IN_USE: Record<Exclude<SigningKeyState, 'previous' | 'revoked'>, string> = {
  current:
    'This is the current signing key: Auth0 signs every new token with it. Rotate first; the key then becomes previously used and can be revoked.',
  next: 'This is the next signing key: apps already trust it and it becomes current at the next rotation. Only a previously used key can be revoked.',
};

/**
 * Checks a revoke against the keys just read from Auth0, before Auth0 is called: unknown kid →
 * 404, current or next key → 409 `key_in_use`, already revoked → 409 `already_revoked`.
 */
export function assertRevocable(keys: readonly SigningKeyView[], kid: string): SigningKeyView {
  const key = keys.find((k) => k.kid === kid);
  if (!key)
    throw new ApiError(
      404,
      'not_found',
      'That signing key does not exist. The list has been refreshed.',
    );
  switch (key.state) {
    case 'previous':
      return key;
    case 'revoked':
      throw new ApiError(409, 'already_revoked', 'That signing key is already revoked.');
    case 'current':
    case 'next':
      throw new ApiError(409, 'key_in_use', IN_USE[key.state]);
  }
}

/** The key Auth0 signs with now; rotate-and-revoke revokes it after the rotation. */
export function currentKey(keys: readonly SigningKeyView[]): SigningKeyView {
  const key = keys.find((k) => k.state === 'current');
  if (!key) {
    throw new ApiError(
      409,
      'no_current_key',
      'Auth0 reports no current signing key, so nothing was changed.',
    );
  }
  return key;
}
