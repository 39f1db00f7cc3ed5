import type { AcceptedCredentials } from './api';

// The WebAuthn Signal API is not in TypeScript's DOM types yet.
type SignalAllAccepted = (options: {
  rpId: string;
  userId: string;
  allAcceptedCredentialIds: string[];
}) => Promise<void>;

/** The Signal API where the browser has it: Chrome/Edge 132+, Safari 26; not Firefox (2026). */
function signalFunction(): SignalAllAccepted | null {
  if (typeof window === 'undefined' || typeof window.PublicKeyCredential === 'undefined')
    return null;
  const pkc = window.PublicKeyCredential;
  const fn: unknown = Reflect.get(pkc, 'signalAllAcceptedCredentials');
  if (typeof fn !== 'function') return null;
  return async (options) => {
    await fn.call(pkc, options);
  };
}

/**
 * Tells the browser's password manager which of this user's credentials still work, so it can
 * hide the one just removed. Advisory and best-effort: a failure changes nothing on the server,
 * so it is swallowed.
 */
export async function signalRemaining(
  accepted: AcceptedCredentials,
  removedFactorId: string,
): Promise<void> {
  const signal = signalFunction();
  if (!signal) return;
  for (const group of accepted.groups) {
    const remaining = group.credentials
      .filter((c) => c.factorId !== removedFactorId)
      .map((c) => c.credentialId);
    try {
      await signal({
        rpId: group.rpId,
        userId: group.userHandle,
        allAcceptedCredentialIds: remaining,
      });
    } catch {
      // Unsupported rpId, no credentials for this user in this browser, etc.: nothing to do.
    }
  }
}
