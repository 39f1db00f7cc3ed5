'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { buttonClass, dangerConfirmButtonClass } from './styles';

type ConfirmDialogProps = {
  open: boolean;
  title: ReactNode;
  /** What confirming does; read out with the title when the dialog opens. */
  children: ReactNode;
  confirmLabel: string;
  /** The confirm button's text while the action runs, e.g. "Removing…". */
  busyLabel: string;
  cancelLabel: string;
  /** Replaces the cancel label once an error is shown and confirming is no longer offered. */
  closeLabel: string;
  busy: boolean;
  /** A refusal or failure, shown inside the dialog; the confirm button goes away with it. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * The one confirmation for destructive actions: a native modal <dialog> (the browser traps focus
 * and Escape cancels), Cancel first and focused on open, so the safe choice is the default one.
 * While the action runs the buttons are aria-disabled, not disabled: a disabled button drops
 * focus to <body>, and a keyboard user would be thrown out of the dialog for the whole request.
 * The busy text is announced from a live region inside the dialog, and a refusal moves focus to
 * the button that is left (Close), since the confirm button goes away with it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  cancelLabel,
  closeLabel,
  busy,
  error = null,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  // The confirm button went away with the error: keep focus in the dialog, on Close.
  useEffect(() => {
    if (open && error) cancelRef.current?.focus();
  }, [open, error]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: the parent decides, so a running action is never abandoned half way.
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] p-6 text-[var(--kw-text)] shadow-xl"
    >
      {open ? (
        <div className="flex flex-col gap-4">
          <h2 id={titleId} className="text-lg font-semibold break-words">
            {title}
          </h2>
          <div id={bodyId} className="flex flex-col gap-2 text-sm">
            {children}
          </div>
          {error ? (
            <p role="alert" className="text-sm font-medium text-[var(--kw-danger)]">
              {error}
            </p>
          ) : null}
          <p role="status" className="sr-only" data-dialog-busy="">
            {busy ? busyLabel : ''}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <button
              ref={cancelRef}
              type="button"
              className={buttonClass}
              onClick={() => {
                if (!busy) onCancel();
              }}
              aria-disabled={busy || undefined}
            >
              {error ? closeLabel : cancelLabel}
            </button>
            {error ? null : (
              <button
                type="button"
                className={dangerConfirmButtonClass}
                onClick={() => {
                  if (!busy) onConfirm();
                }}
                aria-disabled={busy || undefined}
                aria-busy={busy || undefined}
              >
                {busy ? busyLabel : confirmLabel}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
