import type { ReactNode } from 'react';
import { cardClass, mutedClass, primaryButtonClass } from '@/components/ui/styles';
import type { Identity } from '@/lib/factors/types';
import { identityName } from './identity-card';

/** The empty state of "Passkeys": a prominent invitation, holding the add controls. */
export function FirstPasskeyPrompt({ addControls }: { addControls?: ReactNode }) {
  return (
    <div className={`${cardClass} flex flex-col gap-3 border-[var(--kw-accent)]`}>
      <h3 className="text-lg font-semibold">Add your first passkey</h3>
      <p className={mutedClass}>
        With a passkey you sign in with your fingerprint, face or screen lock instead of a password.
        Passkeys can’t be guessed, phished or leaked.
      </p>
      {/* The add controls (issue 5) go here while the user has no passkey. */}
      {addControls ?? (
        <div>
          <button type="button" className={primaryButtonClass} disabled>
            Add a passkey
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The "Passkeys" section for an account with no email-and-password identity: Auth0 keeps passkeys
 * on that identity, so there is nothing to add, and the page says why instead of offering it.
 */
export function PasskeysUnavailable({ identities }: { identities: Identity[] }) {
  const names = [...new Set(identities.map(identityName))];
  const via = names.length > 0 ? names.join(' or ') : 'another provider';
  return (
    <div className={`${cardClass} flex flex-col gap-2`} data-passkeys-unavailable="">
      <h3 className="font-semibold">Passkeys aren’t available for this account</h3>
      <p className={mutedClass}>
        You sign in with {via}. Passkeys here belong to an account that signs in with an email
        address, so there is nothing to add. Your {via} account keeps its own sign-in protection.
      </p>
    </div>
  );
}
