'use client';

import { useEffect, useId, useRef } from 'react';
import type { Factor } from '@/lib/factors/types';
import { buttonClass, dangerButtonClass } from './styles';

type Props = {
  factor: Factor | null;
  busy: boolean;
  /** The server's refusal (409) or another failure, shown inside the dialog. */
  error: string | null;
  onConfirm: (factor: Factor) => void;
  onClose: () => void;
};

const WHAT = { passkey: 'passkey', 'security-key': 'security key' } as const;

/** Native modal confirmation: names the key and says what removing it does and doesn't do. */
export function RemoveDialog({ factor, busy, error, onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (factor && !el.open) el.showModal();
    if (!factor && el.open) el.close();
  }, [factor]);

  const what =
    factor && (factor.kind === 'passkey' || factor.kind === 'security-key')
      ? WHAT[factor.kind]
      : null;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] p-6 text-[var(--kw-text)]"
    >
      {factor ? (
        <div className="flex flex-col gap-4">
          <h2 id={titleId} className="text-lg font-semibold break-words">
            Remove “{factor.name}”?
          </h2>
          <div id={descriptionId} className="flex flex-col gap-2 text-sm">
            <p>“{factor.name}” will stop working for signing in to this site.</p>
            {what ? (
              <p>
                The {what} itself stays in your password manager or on your device. You may also
                want to delete it there, so it isn’t offered to you again.
              </p>
            ) : null}
          </div>
          {error ? (
            <p role="alert" className="text-sm font-medium text-[var(--kw-danger)]">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            {/* Cancel first, and focused on open: the safe choice is the default one. */}
            <button type="button" className={buttonClass} onClick={onClose} disabled={busy}>
              {error ? 'Close' : 'Cancel'}
            </button>
            {error ? null : (
              <button
                type="button"
                className={dangerButtonClass}
                onClick={() => onConfirm(factor)}
                disabled={busy}
              >
                {busy ? 'Removing…' : 'Remove'}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
