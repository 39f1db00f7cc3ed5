import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * The WebAuthn user handle Keyward gives a security key, base64url: HMAC-SHA256(key derived from
 * the app secret, userId). 32 bytes that are stable across requests and instances, need no
 * storage, and reveal neither the user id nor the email (the WebAuthn spec forbids personal
 * data in the handle). It differs from the handle Auth0 gives passkeys, so a key that keeps a
 * resident credential anyway never overwrites a passkey of the same account.
 */
export function deriveUserHandle(userId: string, key: Buffer): string {
  return createHmac('sha256', key).update(userId, 'utf8').digest('base64url');
}
