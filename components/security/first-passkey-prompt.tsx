import type { ReactNode } from 'react';
import { cardClass, mutedClass, primaryButtonClass } from './styles';

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
