'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ProtectionDrop } from '@/lib/factors/checkup';
import type { Factor, FactorKind } from '@/lib/factors/types';
import { dropWarning } from './protection-text';

type Props = {
  factor: Factor | null;
  busy: boolean;
  /** The server's refusal (409) or another failure, shown inside the dialog. */
  error: string | null;
  /** What the account is left with, when removing this one lowers its protection. */
  drop: ProtectionDrop | null;
  onConfirm: (factor: Factor) => void;
  onClose: () => void;
};

// What happens to the thing itself, which Keyward cannot touch: a passkey lives on in the
// password manager, a security key keeps working everywhere else it is registered.
const AFTERWARDS: Partial<Record<FactorKind, string>> = {
  passkey:
    'The passkey itself stays in your password manager or on your device. You may also want to delete it there, so it isn’t offered to you again.',
  'security-key':
    'The key itself isn’t changed: it keeps working with other accounts and sites you use it for. Only this account stops accepting it.',
  totp: 'Your authenticator app still shows codes for this account. You can delete that entry in the app.',
};

/** Names the key, says what removing it does and doesn't do, and what the account is left with. */
export function RemoveDialog({ factor, busy, error, drop, onConfirm, onClose }: Props) {
  const afterwards = factor ? AFTERWARDS[factor.kind] : undefined;
  return (
    <ConfirmDialog
      open={factor !== null}
      title={factor ? `Remove “${factor.name}”?` : ''}
      confirmLabel="Remove"
      busyLabel="Removing…"
      cancelLabel="Cancel"
      closeLabel="Close"
      busy={busy}
      error={error}
      onConfirm={() => factor && onConfirm(factor)}
      onCancel={onClose}
    >
      {factor ? (
        <>
          <p>“{factor.name}” will stop working for signing in to this site.</p>
          {afterwards ? <p>{afterwards}</p> : null}
          {drop && !error ? (
            <p
              data-protection-drop=""
              className="rounded-[var(--kw-radius)] border border-[var(--kw-warning)] px-3 py-2 font-medium"
            >
              {dropWarning(drop)}
            </p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
