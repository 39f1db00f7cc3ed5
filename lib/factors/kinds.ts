import type { FactorKind } from './types';

/**
 * Auth0's method `type` to our kind, or null for types we do not list:
 * - `webauthn-roaming` / `webauthn-platform` are Auth0's MFA WebAuthn factors: "Security keys".
 * - `guardian` is the Guardian app's push enrolment, shown as push.
 * - `email-verification` is Auth0's record that the mailbox was verified for passwordless email;
 *   it is not something the person enrolled or can manage here, so it is omitted (the mailbox as a
 *   way back in is the EMAIL_RESET_IS_FALLBACK decision in policy.ts, not a row).
 * Unknown future types are omitted rather than shown with a guessed meaning.
 */
export function kindOfType(type: string): FactorKind | null {
  switch (type) {
    case 'passkey':
      return 'passkey';
    case 'webauthn-roaming':
    case 'webauthn-platform':
      return 'security-key';
    case 'password':
      return 'password';
    case 'totp':
      return 'totp';
    case 'phone':
      return 'phone';
    case 'email':
      return 'email';
    case 'push':
    case 'guardian':
      return 'push';
    case 'recovery-code':
      return 'recovery-code';
    default:
      return null;
  }
}
