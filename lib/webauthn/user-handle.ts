import 'server-only';
import { createHmac } from 'node:crypto';
import { isoBase64URL } from '@simplewebauthn/server/helpers';

/** Fields of an Auth0 authentication method this module reads. */
export type MethodWithHandle = { type: string; user_handle?: string | undefined };

/**
 * The WebAuthn user handle for `userId`, base64url.
 *
 * A user's passkeys must share one handle, or a password manager shows the account several
 * times and Auth0 cannot tie a discoverable credential back to one user. So the handle of an
 * existing passkey wins. Otherwise it is HMAC-SHA256(key derived from the app secret, userId):
 * 32 bytes that are stable across requests and instances, need no storage, and reveal neither
 * the user id nor the email (the WebAuthn spec forbids personal data in the handle).
 */
export function chooseUserHandle(
  methods: readonly MethodWithHandle[],
  userId: string,
  key: Buffer,
): string {
  for (const method of methods) {
    if (method.type !== 'passkey' || !method.user_handle) continue;
    if (isUsableHandle(method.user_handle)) return method.user_handle;
  }
  return deriveUserHandle(userId, key);
}

export function deriveUserHandle(userId: string, key: Buffer): string {
  return createHmac('sha256', key).update(userId, 'utf8').digest('base64url');
}

// WebAuthn caps user.id at 64 bytes and forbids an empty one.
function isUsableHandle(handle: string): boolean {
  if (!isoBase64URL.isBase64URL(handle)) return false;
  const length = isoBase64URL.toBuffer(handle).byteLength;
  return length > 0 && length <= 64;
}
