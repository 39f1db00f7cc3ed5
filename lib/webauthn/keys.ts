import 'server-only';
import { hkdfSync } from 'node:crypto';

// Each purpose gets its own key so that a leak or misuse of one (say, a user handle, which is
// sent to browsers) says nothing about another, and the app secret itself is never used raw.
const LABELS = {
  challengeCookie: 'keyward/webauthn/challenge-cookie/v1',
  userHandle: 'keyward/webauthn/user-handle/v1',
} as const;

export type KeyPurpose = keyof typeof LABELS;

/** A 32-byte key for `purpose`, derived from the app secret with HKDF-SHA256. */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'keyward', LABELS[purpose], 32));
}
