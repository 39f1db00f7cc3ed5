// The one set of control styles for every page, so a button, a card or a confirmation looks and
// focuses the same on /security and on /admin.

const base =
  'inline-flex min-h-9 items-center justify-center gap-1.5 rounded-[var(--kw-radius)] border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60 aria-busy:cursor-wait';

export const buttonClass = `${base} border-[var(--kw-border)] bg-[var(--kw-surface)] text-[var(--kw-text)] hover:bg-[var(--kw-surface-2)]`;

export const primaryButtonClass = `${base} border-[var(--kw-accent)] bg-[var(--kw-accent)] text-[var(--kw-accent-text)] hover:opacity-90`;

/** A destructive action that opens a confirmation (Remove, Revoke, Rotate & revoke). */
export const dangerButtonClass = `${base} border-[var(--kw-danger)] bg-[var(--kw-surface)] text-[var(--kw-danger)] hover:bg-[var(--kw-surface-2)]`;

/** The confirmation's own destructive button: the one place a solid red button appears. */
export const dangerConfirmButtonClass = `${base} border-[var(--kw-danger)] bg-[var(--kw-danger)] text-[var(--kw-danger-text)] hover:opacity-90`;

/**
 * An action that is not possible right now, kept focusable (aria-disabled) so keyboard and screen
 * reader users reach it and hear why; it reads as unavailable, not as a faded live button.
 */
export const unavailableButtonClass = `${base} cursor-not-allowed border-dashed border-[var(--kw-border)] bg-transparent text-[var(--kw-muted)]`;

export const cardClass =
  'rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] p-4';

export const mutedClass = 'text-sm text-[var(--kw-muted)]';
